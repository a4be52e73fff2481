/**
 * Loading the data source, from config to DataSource: module exports, inline options, URL
 * overrides, forced-off options, and connection failures that never show the password. Needs
 * SQLite and PostgreSQL (a database that does not exist on its server).
 */
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { resolveConfig } from '../src/config/resolve-config';
import { ConnectionError } from '../src/errors';
import { createDataSource, initializeDataSource } from '../src/load/data-source';
import { createSqliteDatabase, PG_ADMIN_URL, SQLITE_DRIVER } from './helpers/databases';
import { rejection } from './helpers/rejection';

const ROOT = resolve(__dirname, '..');
const FIXTURES = resolve(__dirname, 'fixtures/load');


test('a named DataSource export, with synchronize forced off and entity globs loaded', async () => {
  const config = resolveConfig({ dataSource: './data-source.ts' }, { cwd: ROOT, configFile: join('em.config.json'), env: {} });
  const ds = await createDataSource(config);
  expect(ds.isInitialized).toBe(false);
  expect(ds.options).toMatchObject({ synchronize: false, migrationsRun: false, migrations: [], logging: false });
  await initializeDataSource(ds);
  try {
    expect(ds.entityMetadatas.map((m) => m.tableName).sort()).toEqual(['author', 'book']);
    expect(await ds.query(`SELECT name FROM sqlite_master WHERE name = 'author'`)).toEqual([]);
  } finally {
    await ds.destroy();
  }
});

test('the example blog data source loads', async () => {
  const config = resolveConfig({ dataSource: 'entities-example/data-source.ts' }, { cwd: ROOT, env: {} });
  const ds = await createDataSource(config);
  expect(ds.entityMetadatas).toHaveLength(0); // built on initialize
  expect((ds.options.entities as Function[]).map((e) => e.name).sort()).toEqual(['Post', 'Tag', 'User']);
});

test('an options default export works, and DATABASE_URL replaces its connection', async () => {
  const db = await createSqliteDatabase();
  try {
    const config = resolveConfig(
      { dataSource: './options-export.ts' },
      { cwd: FIXTURES, configFile: join('x.json'), env: { DATABASE_URL: db.url } },
    );
    const ds = await createDataSource(config);
    expect(ds.options).toMatchObject({ type: SQLITE_DRIVER, database: db.url.slice('sqlite:'.length) });
  } finally {
    await db.drop();
  }
});

test('--url switches a postgres config to sqlite and drops postgres-only keys', async () => {
  const config = resolveConfig(
    { type: 'postgres', host: 'db', port: 5432, password: 'pw', schema: 'app', entities: ['entities/*.entity.ts'] },
    { cwd: FIXTURES, configFile: join('x.json'), url: 'sqlite::memory:', env: { DATABASE_URL: 'postgres://ignored' } },
  );
  const ds = await createDataSource(config);
  const options = ds.options as unknown as Record<string, unknown>;
  expect(options).toMatchObject({ type: SQLITE_DRIVER, database: ':memory:' });
  expect(options).not.toHaveProperty('host');
  expect(options).not.toHaveProperty('schema');
  expect((options.entities as Function[]).map((e) => e.name).sort()).toEqual(['Author', 'Book']);
});

test('entities: false skips loading entity globs', async () => {
  const config = resolveConfig({ type: 'better-sqlite3', database: ':memory:', entities: ['entities/*.entity.ts'] }, { cwd: FIXTURES, configFile: join('x.json'), env: {} });
  expect((await createDataSource(config, { entities: false })).options.entities).toEqual([]);
});

test('inline url without type takes the type from the scheme', async () => {
  const ds = await createDataSource(resolveConfig({ url: 'postgresql://u:p@h:1/d' }, { cwd: ROOT, env: {} }));
  expect(ds.options.type).toBe('postgres');
});

test('an initialized DataSource handed over in code is used as is', async () => {
  const ds = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
  try {
    expect(await createDataSource(resolveConfig({ dataSource: ds }, { cwd: ROOT, env: {} }))).toBe(ds);
  } finally {
    await ds.destroy();
  }
});

test('unknown driver types and missing connections are named', async () => {
  const oracle = await rejection(createDataSource(resolveConfig({ type: 'oracle' } as never, { cwd: ROOT, env: {} })));
  expect(oracle.code).toBe('UNSUPPORTED_DRIVER');
  expect(oracle.message).toContain("'oracle'");
  const none = await rejection(createDataSource(resolveConfig({}, { cwd: ROOT, env: {} })));
  expect(none.code).toBe('CONFIG_INVALID');
  expect(none.message).toContain('--url');
  const scheme = await rejection(createDataSource(resolveConfig({}, { cwd: ROOT, url: 'mongodb://x', env: {} })));
  expect(scheme.code).toBe('UNSUPPORTED_DRIVER');
});

describe('connection failures never show the password', () => {
  test('an unreachable port: one line with host, port and database, no password', async () => {
    const ds = await createDataSource(resolveConfig({}, { cwd: ROOT, url: 'postgres://postgres:s3cr3t-pw@127.0.0.1:1/nope', env: {} }));
    const error = await rejection(initializeDataSource(ds));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.message).toContain('postgres://postgres:***@127.0.0.1:1/nope');
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.message).not.toContain('s3cr3t-pw');
    expect(error.message).not.toContain('\n');
  });

  test('a database that does not exist: the driver reason, password masked', async () => {
    const url = PG_ADMIN_URL.replace(/\/\/([^@/]*@)?/, '//postgres:s3cr3t-pw@').replace(/\/[^/]*$/, '/em_does_not_exist');
    const ds = await createDataSource(resolveConfig({}, { cwd: ROOT, url, env: {} }));
    const error = await rejection(initializeDataSource(ds));
    expect(error.code).toBe('CONNECTION_FAILED');
    expect(error.message).toMatch(/em_does_not_exist/);
    expect(error.message).toMatch(/does not exist|authentication/);
    expect(error.message).not.toContain('s3cr3t-pw');
  });

  test('inline password option is masked too', async () => {
    const ds = await createDataSource(
      resolveConfig({ type: 'postgres', host: '127.0.0.1', port: 1, username: 'app', password: 'hunter2', database: 'shop' }, { cwd: ROOT, env: {} }),
    );
    const error = await rejection(initializeDataSource(ds));
    expect(error.message).toMatch(/^cannot connect to postgres:\/\/app@127\.0\.0\.1:1\/shop: /);
    expect(error.message).not.toContain('hunter2');
  });
});

function join(name: string): string {
  return resolve(FIXTURES, name);
}
