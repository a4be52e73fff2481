/**
 * Validate a config object (a config file's, or what a TS/JS config exports): our settings
 * (settings.ts: checks, defaults, absolute paths), where the data source is, inline TypeORM options.
 * Every message is one line naming the key and where it came from.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { ConfigError } from '../errors';
import { displayPath } from '../display-path';
import { isDataSource, isPromise } from '../values';
import { describe, resolveSettings, SETTING_KEYS } from './settings';
import { checkTargetsInput } from './targets';
import type { DataSourceFactory, EntityMigrateOptions, InlineDataSourceOptions, ResolvedConfig, UrlOverride } from './types';

/** Our keys; every other key of a config is an inline TypeORM option. */
const OUR_KEYS = ['dataSource', ...SETTING_KEYS, 'envFile', 'targets'] as const satisfies ReadonlyArray<keyof EntityMigrateOptions>;

const DATA_SOURCE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

export interface ResolveContext {
  /** Where the command runs. */
  cwd: string;
  /** The config file, when the config came from one (relative paths start at its directory). */
  configFile?: string;
  /** `--url`. */
  url?: string;
  /** For `DATABASE_URL`; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The env file `loadConfig` loaded, absolute (recorded for messages). */
  envFile?: string;
  /** `--lock-timeout`, in ms (checked by settings.ts `lockTimeoutFlag`): replaces the config's `lockTimeout`. */
  lockTimeout?: number;
}

export function resolveConfig(raw: unknown, ctx: ResolveContext): ResolvedConfig {
  const cwd = resolve(ctx.cwd);
  const source = ctx.configFile ? displayPath(ctx.configFile, cwd) : 'config';
  const fail = (message: string): never => {
    throw new ConfigError('CONFIG_INVALID', `${source}: ${message}`);
  };
  if (!isPlainObject(raw)) fail(`expected an object, got ${describe(raw)}`);
  const config = raw as Record<string, unknown>;
  const rootDir = ctx.configFile ? dirname(resolve(ctx.configFile)) : cwd;

  const inline: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if ((OUR_KEYS as readonly string[]).includes(key)) continue;
    const near = OUR_KEYS.find((ours) => editDistance(ours, key) <= 2);
    if (near) fail(`unknown option "${key}" (did you mean "${near}"?)`);
    // Kept when undefined too (`url: process.env.DB_URL`), so the missing connection can be named.
    inline[key] = value;
  }

  const resolved: ResolvedConfig = resolveSettings(config, { where: source, cwd, rootDir, configFile: ctx.configFile ? resolve(ctx.configFile) : undefined });
  if (ctx.lockTimeout !== undefined) resolved.lockTimeout = ctx.lockTimeout;
  if (ctx.envFile) resolved.envFile = ctx.envFile;

  const dataSource = config.dataSource;
  const inlineKeys = Object.keys(inline).filter((key) => inline[key] !== undefined);
  if (dataSource !== undefined && inlineKeys.length > 0) {
    fail(`has both "dataSource" and inline TypeORM options (${inlineKeys.join(', ')}); use one or the other`);
  }
  if (typeof dataSource === 'string') {
    // `./src/db.ts#typeOrmOptions` names the export to use.
    const [path = '', exportName] = dataSource.split('#', 2) as [string, string | undefined];
    resolved.dataSourceModule = findModule(resolve(rootDir, path), () =>
      fail(`"dataSource" file ${path} not found (looked for ${displayPath(resolve(rootDir, path), cwd)})`),
    );
    if (exportName) resolved.dataSourceExport = exportName;
  } else if (isDataSource(dataSource)) {
    resolved.dataSourceInstance = dataSource;
  } else if (typeof dataSource === 'function' || isPromise(dataSource)) {
    // Called (or awaited) when the DataSource is needed, after the env file is loaded.
    resolved.dataSourceFactory = dataSource as DataSourceFactory;
  } else if (isPlainObject(dataSource)) {
    resolved.dataSourceOptions = checkInline(dataSource as Record<string, unknown>, fail);
  } else if (dataSource !== undefined) {
    fail(`"dataSource" must be a module path, a DataSource, TypeORM options, or a function or Promise returning one, got ${describe(dataSource)}`);
  } else if (Object.keys(inline).length > 0) {
    resolved.dataSourceOptions = checkInline(inline, fail);
  }

  if (config.targets !== undefined) resolved.targets = checkTargetsInput(config.targets, source);

  const override = urlOverride(ctx);
  if (override) resolved.urlOverride = override;
  return resolved;
}

/** `--url` beats `DATABASE_URL` (an empty one counts as unset). */
function urlOverride(ctx: ResolveContext): UrlOverride | undefined {
  if (ctx.url) return { url: ctx.url, from: '--url' };
  const env = (ctx.env ?? process.env).DATABASE_URL;
  return env ? { url: env, from: 'DATABASE_URL' } : undefined;
}

function checkInline(options: Record<string, unknown>, fail: (message: string) => never): InlineDataSourceOptions {
  if (options.type !== undefined && typeof options.type !== 'string') fail(`"type" must be a string, got ${describe(options.type)}`);
  if (options.url !== undefined && typeof options.url !== 'string') fail(`"url" must be a string, got ${describe(options.url)}`);
  if (options.port !== undefined && typeof options.port !== 'number' && !/^\d+$/.test(String(options.port))) {
    fail(`"port" must be a number, got ${describe(options.port)}`);
  }
  if (typeof options.port === 'string') options = { ...options, port: Number(options.port) }; // "${PORT}" in JSON
  for (const key of ['entities', 'subscribers'] as const) {
    const value = options[key];
    if (value !== undefined && !Array.isArray(value) && !isPlainObject(value)) {
      fail(`"${key}" must be a list of classes or globs, got ${describe(value)}`);
    }
  }
  return options as InlineDataSourceOptions;
}

/** The path as given, or with the first data-source extension that exists (`./src/data-source`). */
function findModule(file: string, notFound: () => never): string {
  if (existsSync(file) && statSync(file).isFile()) return file;
  if (!extname(file)) {
    for (const ext of DATA_SOURCE_EXTENSIONS) if (existsSync(file + ext)) return file + ext;
  }
  return notFound();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return row[b.length]!;
}
