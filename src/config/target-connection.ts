/**
 * Pointing a data source's options somewhere else: a URL that replaces the connection (`--url`,
 * `DATABASE_URL`, a target's `url`) and a target's `schema`. Shared by the CLI's config
 * (load/data-source.ts) and `createMigrator({ target })`, so both read a target the same way.
 */
import { dialectForType } from '../dialects';
import { ConfigError } from '../errors';
import { CONNECTION_KEYS } from './connection-settings';
import { parseDatabaseUrl } from './database-url';
import type { Target } from './targets';

/** Driver-specific keys that make no sense once an override switches to another driver. */
const DRIVER_KEYS = ['schema', 'ssl', 'extra', 'driver', 'poolSize', 'uuidExtension', 'installExtensions', 'charset', 'timezone', 'prepareDatabase', 'statementCacheSize', 'enableWAL', 'nativeBinding'];

/** `opts` with every connection key replaced by what `url` says (relative SQLite paths start at `baseDir`). */
export function replaceConnection(opts: Record<string, unknown>, url: string, baseDir: string, from: string): Record<string, unknown> {
  const connection = parseDatabaseUrl(url, baseDir, from);
  const kept = { ...opts };
  for (const key of CONNECTION_KEYS) delete kept[key];
  if (kept.type !== connection.type) for (const key of DRIVER_KEYS) delete kept[key];
  return { ...kept, ...connection };
}

/** `opts` in the target's `schema`, where the driver has schemas (one per tenant in one PostgreSQL database). */
export function inTargetSchema(opts: Record<string, unknown>, target: Target, origin: string): Record<string, unknown> {
  if (target.schema === undefined) return opts;
  if (dialectForType(opts.type)?.capabilities.schemas) return { ...opts, schema: target.schema };
  throw new ConfigError(
    'CONFIG_INVALID',
    `${origin}: target "${target.name}" sets "schema", which ${String(opts.type)} does not have; give each target its own "url" (a database, or a SQLite file) instead`,
  );
}

/** `opts` pointed at `target`: its `url` first (relative SQLite paths start at `baseDir`), then its `schema`. */
export function onTarget(opts: Record<string, unknown>, target: Target, baseDir: string, origin: string): Record<string, unknown> {
  const moved = target.url === undefined ? opts : replaceConnection(opts, target.url, baseDir, `target "${target.name}"`);
  return inTargetSchema(moved, target, origin);
}
