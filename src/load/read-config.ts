/**
 * `loadConfig`: find the config file, load its `.env`, read it (TS/JS default export, JSON with
 * `${VAR}`, or ormconfig.json's `"entityMigrate"` key) and resolve it. It lives in load/ because a
 * TS/JS config is a module to load; config/ holds what a config means and never loads modules.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../errors';
import { isObject } from '../is-object';
import { displayPath } from '../display-path';
import { CONNECTION_KEYS } from '../config/connection-settings';
import { loadDefaultEnvFile, loadEnvFile } from '../config/env-file';
import { findConfig, type FoundConfig } from '../config/find-config';
import { interpolateEnv, parseJson } from '../config/json-config';
import { resolveConfig } from '../config/resolve-config';
import { lockTimeoutFlag } from '../config/settings';
import type { ResolvedConfig } from '../config/types';
import { importModule } from './load-module';

export interface LoadConfigOptions {
  /** `-c/--config`, relative to `cwd`. */
  configPath?: string;
  /** Defaults to `process.cwd()`. */
  cwd?: string;
  /** `--url`: beats `DATABASE_URL`, which beats the config. */
  url?: string;
  /**
   * For `${VAR}` and `DATABASE_URL`, and where `.env` variables go; defaults to `process.env`.
   * TS/JS configs and data-source modules read `process.env` themselves.
   */
  env?: NodeJS.ProcessEnv;
  /**
   * `--env-file`, relative to `cwd`: replaces the config's `envFile` and the default `.env`
   * beside the config file. Must exist.
   */
  envFile?: string;
  /** `--lock-timeout`: replaces the config's `lockTimeout` (which is in ms). */
  lockTimeoutSeconds?: number;
}

export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  // A bad flag is reported before any file is read.
  const lockTimeout = options.lockTimeoutSeconds !== undefined ? lockTimeoutFlag(options.lockTimeoutSeconds) : undefined;
  const cwd = resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const found = findConfig({ configPath: options.configPath, cwd });
  const explicit = options.envFile !== undefined ? loadEnvFile(resolve(cwd, options.envFile), env, '--env-file', cwd) : undefined;
  const { config, envFile } = await readConfigFile(found, env, { cwd, envFile: explicit, urlOverride: Boolean(options.url) });
  return resolveConfig(config, { cwd, configFile: found.file, url: options.url, env, envFile, lockTimeout });
}

export interface ReadConfigFileOptions {
  cwd?: string;
  /** An env file already loaded (`--env-file`): the config's own `envFile` and `.env` are skipped. */
  envFile?: string;
  /** `--url` given: an unset `${VAR}` in a connection key is not an error (`DATABASE_URL` counts too). */
  urlOverride?: boolean;
}

/**
 * The config object a file holds, before validation, and the env file loaded for it. The env file
 * is loaded before the file is evaluated (the default `.env`, or a JSON config's `envFile`) so
 * that `process.env` at import time and `${VAR}` see it. A TS/JS config's `envFile` can only be
 * read once the module ran: it is loaded after, before the data-source module is imported.
 */
export async function readConfigFile(
  found: FoundConfig,
  env: NodeJS.ProcessEnv = process.env,
  options: ReadConfigFileOptions = {},
): Promise<{ config: Record<string, unknown>; envFile: string | undefined }> {
  const { cwd } = options;
  if (found.kind === 'module') {
    const envFile = options.envFile ?? loadDefaultEnvFile(found.file, env, cwd);
    const config = await readModuleConfig(found.file);
    return { config, envFile: options.envFile ?? loadNamedEnvFile(found.file, config, env, cwd) ?? envFile };
  }
  const json = parseJson(found.file, readFileSync(found.file, 'utf8'));
  const ours = found.kind === 'ormconfig' || hasEntityMigrateKey(json) ? fromOrmconfig(found.file, json) : json;
  if (!isObject(ours)) return { config: ours as Record<string, unknown>, envFile: undefined }; // resolveConfig names the problem
  const envFile = options.envFile ?? loadNamedEnvFile(found.file, ours, env, cwd) ?? loadDefaultEnvFile(found.file, env, cwd);
  // The URL override replaces the connection keys, so their variables need not be set.
  const overridden = options.urlOverride || Boolean(env.DATABASE_URL);
  const optional = (path: string) => overridden && CONNECTION_KEYS.includes(path.replace(/^dataSource\./, ''));
  return { config: interpolateEnv(ours, env, found.file, '', optional) as Record<string, unknown>, envFile };
}

/** The config's `envFile` key (relative to the config file's folder), loaded; it must exist. */
function loadNamedEnvFile(configFile: string, config: Record<string, unknown>, env: NodeJS.ProcessEnv, cwd?: string): string | undefined {
  const name = config.envFile;
  if (name === undefined) return undefined;
  const where = displayPath(configFile, cwd);
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ConfigError('CONFIG_INVALID', `${where}: "envFile" must be a path (relative to the config file), got ${JSON.stringify(name) ?? typeof name}`);
  }
  return loadEnvFile(resolve(dirname(configFile), name), env, `"envFile" in ${where}`, cwd);
}

async function readModuleConfig(file: string): Promise<Record<string, unknown>> {
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
