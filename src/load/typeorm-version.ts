/**
 * Which TypeORM (and which SQLite driver) is installed. The only place that asks.
 *
 * `require('typeorm/package.json')` fails because typeorm's exports map rewrites `./*` to `./*.js`,
 * so the version is read from the package.json beside the resolved entry point.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface TypeOrmVersion {
  version: string;
  major: number;
  minor: number;
}

let cached: TypeOrmVersion | undefined;

export function typeormVersion(): TypeOrmVersion {
  if (cached) return cached;
  // The entry point sits at the package root in both 0.3.x and 1.x.
  const pkgFile = join(dirname(require.resolve('typeorm')), 'package.json');
  const { version } = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string };
  const [major, minor] = version.split('.').map((part) => Number.parseInt(part, 10));
  cached = { version, major: major ?? 0, minor: minor ?? 0 };
  return cached;
}

export function isInstalled(pkg: string): boolean {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

export type SqliteDriverType = 'better-sqlite3' | 'sqlite';

/**
 * The TypeORM `type` to use for a `sqlite:` URL: TypeORM 1.x dropped the `sqlite` driver, so it is
 * always better-sqlite3 there; on 0.3.x the classic `sqlite` (sqlite3 package) wins if installed.
 */
export function sqliteDriverType(): SqliteDriverType {
  if (typeormVersion().major >= 1) return 'better-sqlite3';
  return isInstalled('sqlite3') || !isInstalled('better-sqlite3') ? 'sqlite' : 'better-sqlite3';
}

/** The TypeORM `type` values entity-migrate can work with on the installed TypeORM. */
export function supportedDriverTypes(): string[] {
  const types = ['postgres', 'mysql', 'mariadb', 'better-sqlite3'];
  if (typeormVersion().major < 1) types.push('sqlite');
  return types;
}
