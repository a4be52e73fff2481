/**
 * Real databases for tests. Each call makes a fresh, uniquely named database (PostgreSQL, MariaDB)
 * or file (SQLite) and drops it afterwards, so suites can run twice and in parallel.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { perTest } from './per-test';

export const PG_ADMIN_URL = process.env.EM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const MYSQL_ADMIN_URL = process.env.EM_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
/** `better-sqlite3` on TypeORM 1.x; the 0.3.x CI step sets `EM_TEST_SQLITE_DRIVER=sqlite`. */
export const SQLITE_DRIVER = (process.env.EM_TEST_SQLITE_DRIVER ?? 'better-sqlite3') as 'better-sqlite3' | 'sqlite';

export interface TestDatabase {
  dialect: 'postgres' | 'sqlite' | 'mysql';
  /** TypeORM options for this database (no entities). */
  options: DataSourceOptions;
  /** A URL for `--url` / `DATABASE_URL` (SQLite: the file path prefixed with `sqlite:`). */
  url: string;
  drop(): Promise<void>;
}

function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

async function adminQuery(options: DataSourceOptions, sql: string): Promise<void> {
  const ds = new DataSource(options);
  await ds.initialize();
  try {
    await ds.query(sql);
  } finally {
    await ds.destroy();
  }
}

export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = uniqueName('em_test');
  const admin: DataSourceOptions = { type: 'postgres', url: PG_ADMIN_URL };
  await adminQuery(admin, `CREATE DATABASE "${name}"`);
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    dialect: 'postgres',
    options: { type: 'postgres', url },
    url,
    drop: () => adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/**
 * A database on the MySQL/MariaDB test server (MariaDB here). `type` is the TypeORM driver type the
 * options name: TypeORM reads some catalog columns (NULL defaults) the MariaDB way only when it
 * says 'mariadb', and users do point `type: 'mysql'` at MariaDB servers.
 */
export async function createMysqlDatabase(type: 'mariadb' | 'mysql' = 'mariadb'): Promise<TestDatabase> {
  const name = uniqueName('em_test');
  const admin: DataSourceOptions = { type: 'mariadb', url: MYSQL_ADMIN_URL };
  await adminQuery(admin, `CREATE DATABASE \`${name}\``);
  const url = MYSQL_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    dialect: 'mysql',
    options: { type, url },
    url,
    drop: () => adminQuery(admin, `DROP DATABASE IF EXISTS \`${name}\``),
  };
}

export async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'em-sqlite-'));
  const file = join(dir, 'db.sqlite');
  return {
    dialect: 'sqlite',
    options: { type: SQLITE_DRIVER, database: file } as DataSourceOptions,
    url: `sqlite:${file}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The dialects every suite runs on (MariaDB only where an issue asks for it). */
export const DIALECTS = {
  postgres: createPostgresDatabase,
  sqlite: createSqliteDatabase,
} as const;

/** The file of a SQLite test database (its URL without `sqlite:`). */
export function sqliteFile(db: TestDatabase): string {
  return db.url.slice('sqlite:'.length);
}

/** A fresh database for each test of the describe block, dropped after it. */
export function databasePerTest(createDatabase: () => Promise<TestDatabase>): TestDatabase {
  return perTest(createDatabase, (db) => db.drop());
}

export type EntityList = NonNullable<DataSourceOptions['entities']>;

/** An initialized connection to a test database, with `entities` when given (close it with destroy()). */
export async function openDataSource(db: TestDatabase, entities?: EntityList): Promise<DataSource> {
  const ds = new DataSource(entities ? ({ ...db.options, entities } as DataSourceOptions) : db.options);
  await ds.initialize();
  return ds;
}

/** Open a connection to a test database with `entities` (for autogenerate), run `fn`, close it. */
export async function withDataSource<T>(db: TestDatabase, entities: EntityList | undefined, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = await openDataSource(db, entities);
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

/** Open a short-lived connection to a test database, run `fn`, close it. */
export function withConnection<T>(db: TestDatabase, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  return withDataSource(db, undefined, fn);
}

/**
 * Table names in the database. Left out: SQLite's own tables, and the SQLite migration-lock table
 * (`<version table>_lock`), which exists only there and has its own tests.
 */
export async function tableNames(db: TestDatabase): Promise<string[]> {
  return withConnection(db, async (ds) => {
    const sql =
      db.dialect === 'postgres'
        ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`
        : db.dialect === 'mysql'
          ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`
          : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`;
    const rows: { name: string }[] = await ds.query(sql);
    return rows
      .map((r) => r.name)
      .filter((name) => !(db.dialect === 'sqlite' && name.endsWith('_lock')))
      .sort();
  });
}

/** Rows of the version table, sorted. */
export async function versionRows(db: TestDatabase, table = 'entity_migrate_version'): Promise<string[]> {
  return withConnection(db, async (ds) => {
    const rows: { version_num: string }[] = await ds.query(`SELECT version_num FROM ${table}`);
    return rows.map((r) => r.version_num).sort();
  });
}
