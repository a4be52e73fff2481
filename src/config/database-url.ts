/**
 * A database URL (`--url`, `DATABASE_URL`, or `url` in the config) as TypeORM options.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EntityMigrateError } from '../errors';
import { sqliteDriverType } from '../load/typeorm-version';
import { maskUrl } from './mask-url';

/** The connection part of DataSourceOptions that a URL determines. */
export type UrlConnectionOptions =
  | { type: 'postgres' | 'mysql' | 'mariadb'; url: string }
  | { type: 'better-sqlite3' | 'sqlite'; database: string };

/**
 * `postgres://`/`postgresql://` → postgres; `mysql://` → mysql; `mariadb://` → mariadb;
 * `sqlite:/abs.db`, `sqlite:rel.db`, `sqlite:///abs.db`, `sqlite::memory:`, `file:…` → the SQLite
 * driver of the installed TypeORM (relative paths start at `cwd`).
 */
export function parseDatabaseUrl(url: string, cwd: string, from = 'URL'): UrlConnectionOptions {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'postgres':
    case 'postgresql':
      return { type: 'postgres', url };
    case 'mysql':
      return { type: 'mysql', url };
    case 'mariadb':
      return { type: 'mariadb', url };
    case 'sqlite':
    case 'file':
      return { type: sqliteDriverType(), database: sqlitePath(url, scheme, cwd) };
    default:
      throw new EntityMigrateError(
        'UNSUPPORTED_DRIVER',
        `${from} ${maskUrl(url)}: unsupported scheme${scheme ? ` '${scheme}:'` : ''}; use postgres://, mysql://, mariadb:// or sqlite:<file>`,
      );
  }
}

function sqlitePath(url: string, scheme: string, cwd: string): string {
  if (scheme === 'file' && url.startsWith('file://')) return fileURLToPath(url.split('?')[0] ?? url);
  let path = url.slice(scheme.length + 1).split('?')[0] ?? '';
  if (path.startsWith('//')) path = path.slice(2); // sqlite:///abs.db and sqlite://rel.db
  if (path === ':memory:' || path === '') return ':memory:';
  path = decodeURIComponent(path);
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** True when the options describe a SQLite driver. */
export function isSqliteType(type: unknown): type is 'sqlite' | 'better-sqlite3' {
  return type === 'sqlite' || type === 'better-sqlite3';
}

