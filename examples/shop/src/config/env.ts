/**
 * Which database the shop runs on, read once from the environment. Entities use `dialect` where
 * PostgreSQL, SQLite and MariaDB differ (enum arrays, schemas, partial indexes, JSON columns).
 */
export type DbType = 'postgres' | 'better-sqlite3' | 'sqlite' | 'mariadb';
export type Dialect = 'postgres' | 'sqlite' | 'mariadb';

const DB_TYPES: readonly DbType[] = ['postgres', 'better-sqlite3', 'sqlite', 'mariadb'];

function readDbType(): DbType {
  const value = process.env.DB_TYPE ?? 'postgres';
  if (!(DB_TYPES as readonly string[]).includes(value)) {
    throw new Error(`DB_TYPE must be one of ${DB_TYPES.join(', ')}, got "${value}"`);
  }
  return value as DbType;
}

export const DB_TYPE: DbType = readDbType();
export const dialect: Dialect = DB_TYPE === 'better-sqlite3' || DB_TYPE === 'sqlite' ? 'sqlite' : DB_TYPE;

export const isPostgres = dialect === 'postgres';
export const isSqlite = dialect === 'sqlite';
export const isMariaDb = dialect === 'mariadb';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/shop';
export const SQLITE_PATH = process.env.SQLITE_PATH ?? 'shop.sqlite';
