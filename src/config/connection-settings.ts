/**
 * "Where is the database?" must have an answer before TypeORM is asked: given no host, TypeORM
 * and the drivers quietly connect to localhost with default names, and an unset environment
 * variable (`url: process.env.DB_URL`) turns into a confusing error about a database the user
 * never named, or worse, a working connection to the wrong one.
 *
 * What counts as "no connection":
 * - SQLite (`better-sqlite3`, `sqlite`): no `database` (the file, or `:memory:`);
 * - PostgreSQL, MySQL, MariaDB: none of `url`, `host`, `database`, `socketPath`, `replication`
 *   (PostgreSQL also takes `PGHOST` / `PGDATABASE` from the environment, as libpq does). A host
 *   without a `database` key, or a database on the default host, is a choice and is left alone;
 *   a host with `database` present but undefined or empty (an unset variable) is refused, since the
 *   server's default database would be migrated instead.
 * Other drivers are not checked.
 */
import { ConfigError } from '../errors';
import { dialectForType, type Dialect } from '../dialects';

/** Keys that say where the database is; a URL override (`--url`, `DATABASE_URL`) replaces all of them. */
export const CONNECTION_KEYS = ['url', 'host', 'port', 'username', 'password', 'database', 'sid', 'socketPath', 'connectString', 'replication'];

/** Throws, naming the missing keys and `origin` (the file that set them), when nothing says where the database is. */
export function checkConnectionSettings(options: Record<string, unknown>, origin: string, env: NodeJS.ProcessEnv = process.env): void {
  const type = options.type;
  const dialect = dialectForType(type);
  if (!dialect) return;
  if (dialect.connection.fileBased) {
    if (isSet(options.database)) return;
    throw new ConfigError(
      'CONFIG_INVALID',
      `${origin}: no SQLite database file: ${missing(options, ['database'])}; set "database" (a file, or ':memory:'), or pass --url sqlite:<file> / DATABASE_URL`,
    );
  }
  if (isUnsetDatabase(options, dialect, env)) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `${origin}: no ${type} database named: ${missing(options, ['database'])}, so the server's default database would be used; set "database", or pass --url / DATABASE_URL`,
    );
  }
  if (['url', 'host', 'database', 'socketPath'].some((key) => isSet(options[key])) || isObject(options.replication)) return;
  const fromEnv = dialect.connection.environmentVariables;
  if (fromEnv && (isSet(env[fromEnv.host]) || isSet(env[fromEnv.database]))) return;
  throw new ConfigError(
    'CONFIG_INVALID',
    `${origin}: no ${type} database to connect to: ${missing(options, ['url', 'host', 'database'])}; set "url" or "host" and "database", or pass --url / DATABASE_URL`,
  );
}

/**
 * `"url" is undefined (an unset environment variable?), "host" and "database" are not set`: a key
 * present but empty usually held `process.env.SOMETHING`, so it is named apart.
 */
function missing(options: Record<string, unknown>, keys: string[]): string {
  const empty = keys.filter((k) => k in options);
  const absent = keys.filter((k) => !(k in options));
  const parts: string[] = [];
  if (empty.length > 0) {
    // Named by kind, never by value: whatever is there is not printed.
    const kind = (v: unknown) => (v === undefined ? 'undefined' : v === null ? 'null' : typeof v === 'string' ? 'empty' : `a ${typeof v}`);
    const what = empty.map((k) => `"${k}" is ${kind(options[k])}`).join(', ');
    parts.push(`${what} (an unset environment variable?)`);
  }
  if (absent.length > 0) parts.push(`${absent.map((k) => `"${k}"`).join(absent.length > 2 ? ', ' : ' and ')} ${absent.length > 1 ? 'are' : 'is'} not set`);
  return parts.join(', ');
}

/**
 * `database: process.env.DB_NAME` with DB_NAME unset, beside a host (and no url or replication):
 * the driver would quietly connect to the server's default database (PostgreSQL: the one named
 * after the user, often `postgres`) and migrate that. A `database` key left out is a choice; one
 * that is there but undefined or empty is a missing variable.
 */
function isUnsetDatabase(options: Record<string, unknown>, dialect: Dialect, env: NodeJS.ProcessEnv): boolean {
  if (!('database' in options) || isSet(options.database)) return false;
  if (options.database !== undefined && options.database !== null && typeof options.database !== 'string') return false;
  if (isSet(options.url) || isObject(options.replication)) return false;
  if (!['host', 'socketPath'].some((key) => isSet(options[key]))) return false;
  const fromEnv = dialect.connection.environmentVariables;
  return !(fromEnv && isSet(env[fromEnv.database]));
}

function isSet(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}
