/** How SQLite databases are named and reached: light, loaded before the dialect itself (see ../index.ts). */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasSqlite3Driver, isInstalled, typeormVersion } from '../../typeorm-internals';
import type { DialectConnection } from '../dialect';

export const sqliteConnection: DialectConnection = {
  driverTypes: ['better-sqlite3', 'sqlite'],
  // `sqlite` (the sqlite3 package) exists on TypeORM 0.3.x only; 1.x has better-sqlite3.
  unsupportedDriverHint: (type) =>
    type === 'sqlite' && !hasSqlite3Driver() ? `TypeORM ${typeormVersion().version} has no 'sqlite' driver; use 'better-sqlite3'` : undefined,
  urlSchemes: ['sqlite', 'file'],
  fromUrl: (url, scheme, cwd) => ({ type: sqliteDriverType(), database: sqlitePath(url, scheme, cwd) }),
  urlExamples: ['sqlite:<file>'],
  fileBased: true,
  displayScheme: 'sqlite',
};

/**
 * The TypeORM `type` for a `sqlite:` URL: better-sqlite3 where TypeORM has no `sqlite` driver (1.x);
 * otherwise (0.3.x) the classic `sqlite` (sqlite3 package) wins if installed.
 */
export function sqliteDriverType(): 'better-sqlite3' | 'sqlite' {
  if (!hasSqlite3Driver()) return 'better-sqlite3';
  return isInstalled('sqlite3') || !isInstalled('better-sqlite3') ? 'sqlite' : 'better-sqlite3';
}

/** `sqlite:/abs.db`, `sqlite:rel.db`, `sqlite:///abs.db`, `sqlite::memory:`, `file:…` → a path (relative to `cwd`). */
function sqlitePath(url: string, scheme: string, cwd: string): string {
  if (scheme === 'file' && url.startsWith('file://')) return fileURLToPath(url.split('?')[0] ?? url);
  let path = url.slice(scheme.length + 1).split('?')[0] ?? '';
  if (path.startsWith('//')) path = path.slice(2); // sqlite:///abs.db and sqlite://rel.db
  if (path === ':memory:' || path === '') return ':memory:';
  path = decodeURIComponent(path);
  return isAbsolute(path) ? path : resolve(cwd, path);
}
