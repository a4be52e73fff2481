/**
 * `.env` files, as Prisma, MikroORM and Nest's ConfigModule read them: `KEY=value` lines loaded into
 * the environment before the config (or the data-source module) is evaluated, so both can read
 * `process.env` at import time and `${VAR}` in JSON configs sees them.
 *
 * A variable already set in the environment is never overridden: the shell, CI or the container
 * wins over the file. Only variables an earlier `.env` load of ours set may be replaced by a later
 * one (a TS config's `envFile` key, read after the default `.env`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../errors';
import { displayPath } from '../display-path';

export const DEFAULT_ENV_FILE = '.env';

/** Per environment object, the variables that came from a `.env` file of ours (not the user's shell). */
const setByUs = new WeakMap<NodeJS.ProcessEnv, Set<string>>();

/**
 * Load `file` into `env`. `from` says who named it, for the error when it does not exist
 * (`--env-file`, `"envFile" in entity-migrate.config.json`). Returns the absolute path.
 */
export function loadEnvFile(file: string, env: NodeJS.ProcessEnv, from: string, cwd = process.cwd()): string {
  const abs = resolve(file);
  if (!existsSync(abs) || !statSync(abs).isFile()) {
    throw new ConfigError('CONFIG_NOT_FOUND', `env file ${displayPath(abs, cwd)} not found (given with ${from})`);
  }
  // dotenv.parse only parses: unlike dotenv.config() it prints nothing and touches no environment.
  const { parse } = require('dotenv') as typeof import('dotenv');
  let parsed: Record<string, string>;
  try {
    parsed = parse(readFileSync(abs));
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', `${displayPath(abs, cwd)}: cannot read env file: ${(error as Error).message}`, { cause: error });
  }
  let ours = setByUs.get(env);
  if (!ours) setByUs.set(env, (ours = new Set()));
  for (const [key, value] of Object.entries(parsed)) {
    if (env[key] !== undefined && !ours.has(key)) continue;
    env[key] = value;
    ours.add(key);
  }
  return abs;
}

/** `.env` beside the config file, when there is one (a missing default is not an error). */
export function loadDefaultEnvFile(configFile: string, env: NodeJS.ProcessEnv, cwd?: string): string | undefined {
  const file = join(dirname(configFile), DEFAULT_ENV_FILE);
  return existsSync(file) ? loadEnvFile(file, env, 'default', cwd) : undefined;
}
