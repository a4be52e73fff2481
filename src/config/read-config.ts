/**
 * `loadConfig`: find the config file, read it (TS/JS default export, JSON with `${VAR}`, or
 * ormconfig.json's `"entityMigrate"` key) and resolve it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../errors';
import { displayPath } from '../load/display-path';
import { importModule } from '../load/load-module';
import { findConfig, type FoundConfig } from './find-config';
import { interpolateEnv, parseJson } from './json-config';
import { resolveConfig } from './resolve-config';
import type { ResolvedConfig } from './types';

export interface LoadConfigOptions {
  /** `-c/--config`, relative to `cwd`. */
  configPath?: string;
  /** Defaults to `process.cwd()`. */
  cwd?: string;
  /** `--url`: beats `DATABASE_URL`, which beats the config. */
  url?: string;
  /** For `${VAR}` and `DATABASE_URL`; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
}

export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const found = findConfig({ configPath: options.configPath, cwd });
  const raw = await readConfigFile(found, env);
  return resolveConfig(raw, { cwd, configFile: found.file, url: options.url, env });
}

/** The config object a file holds, before validation. */
export async function readConfigFile(found: FoundConfig, env: NodeJS.ProcessEnv = process.env): Promise<unknown> {
  if (found.kind === 'module') return readModuleConfig(found.file);
  const json = interpolateEnv(parseJson(found.file, readFileSync(found.file, 'utf8')), env, found.file);
  return found.kind === 'ormconfig' || hasEntityMigrateKey(json) ? fromOrmconfig(found.file, json) : json;
}

async function readModuleConfig(file: string): Promise<unknown> {
  const mod = await importModule(file);
  // `export default …` (TS/ESM) or `module.exports = …` (CJS).
  let value = isObject(mod) && 'default' in mod ? mod.default : mod;
  if (typeof value === 'function') {
    try {
      value = await (value as () => unknown)();
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError('CONFIG_INVALID', `${displayPath(file)}: the config function threw: ${(error as Error)?.message ?? String(error)}`, {
        cause: error,
      });
    }
  }
  if (!isObject(value)) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `${displayPath(file)}: the default export must be a config object or a function returning one`,
    );
  }
  return value;
}

/**
 * TypeORM's classic file: its own keys are the connection, ours live under `"entityMigrate"`. An
 * array of connections (TypeORM 0.2 style) is accepted: the one with our key, else `default`, else
 * the first.
 */
function fromOrmconfig(file: string, json: unknown): unknown {
  let entry = json;
  if (Array.isArray(json)) {
    entry =
      json.find((c) => hasEntityMigrateKey(c)) ??
      json.find((c) => isObject(c) && (c as { name?: unknown }).name === 'default') ??
      json[0];
  }
  if (!isObject(entry)) {
    throw new ConfigError('CONFIG_INVALID', `${displayPath(file)}: expected TypeORM options (an object)`);
  }
  const { entityMigrate = {}, name: _name, ...typeorm } = entry as Record<string, unknown>;
  if (!isObject(entityMigrate)) {
    throw new ConfigError('CONFIG_INVALID', `${displayPath(file)}: "entityMigrate" must be an object`);
  }
  // With a dataSource module named, the file's own TypeORM keys are not ours to use.
  return 'dataSource' in entityMigrate ? { ...entityMigrate } : { ...typeorm, ...entityMigrate };
}

function hasEntityMigrateKey(value: unknown): boolean {
  return isObject(value) && 'entityMigrate' in value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
