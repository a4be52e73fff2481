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

/**
 * Whether this TypeORM has the `sqlite` driver type (the sqlite3 package): 0.3.x has it beside
 * `better-sqlite3`; 1.x removed it.
 */
export function hasSqlite3Driver(): boolean {
  return typeormVersion().major < 1;
}
