/**
 * Loading the data source: what `dataSource` may export: a DataSource, options, or an (async) function or a Promise
 * returning either, default or named, so a NestJS app can export one options factory for
 * `TypeOrmModule.forRootAsync({ useFactory })` and for the CLI. Built CLI; needs SQLite and
 * PostgreSQL.
 */
import { join } from 'node:path';
import { createMigrator } from '../src';
import { loadConfig } from '../src/load/read-config';
import { createDataSource } from '../src/load/data-source';
import { createPostgresDatabase, createSqliteDatabase, sqliteFile, tableNames, versionRows } from './helpers/databases';
import { projectPerTest } from './helpers/project';
import { rejection } from './helpers/rejection';
import { ensureBuilt } from './helpers/spawn-cli';

beforeAll(() => ensureBuilt(), 120_000);

const createWidget = `await op.createTable({ name: 'widget', columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'name', type: 'varchar', length: '40' }] });`;

const widgetEntity = `import { Column, Entity, PrimaryColumn } from 'typeorm';
@Entity('widget')
export class Widget {
  @PrimaryColumn('integer')
  id!: number;

  @Column({ type: 'varchar', length: 40 })
  name!: string;
}
`;

describe('data-source modules on SQLite (better-sqlite3)', () => {
  const project = projectPerTest(createSqliteDatabase, 'ds-factory-sqlite');
  beforeEach(() => {
    project.writeRevision('aaaa00000001', null, createWidget, `await op.dropTable('widget');`, 'widget');
    project.write('entity-migrate.config.json', '{ "dataSource": "./src/db.ts" }');
  });

  test('default export: an async function returning options, reading .env', async () => {
    project.write('.env', `EM_DB_FILE=${sqliteFile(project.db)}\n`);
    project.write(
      'src/db.ts',
      "export default async () => ({ type: 'better-sqlite3' as const, database: process.env.EM_DB_FILE, entities: ['src/entities/*.ts'] });\n",
    );
    project.write('src/entities/widget.ts', widgetEntity);
    expect(await project.spawn('upgrade')).toMatchObject({ code: 0, stderr: '' });
    expect(await tableNames(project.db)).toContain('widget');
    expect(await project.spawn('check')).toMatchObject({ code: 0 });
  });

  test('a factory that throws, or returns something else: one line naming file and export', async () => {
    project.write('src/db.ts', "export default async () => { throw new Error('DB_HOST is required'); };\n");
    const thrown = await project.spawn('upgrade');
    expect(thrown).toMatchObject({ code: 1, stderr: 'error: src/db.ts: export "default" threw: DB_HOST is required\n' });
    project.write('src/db.ts', 'export const options = () => 42;\n');
    const wrong = await project.spawn('current');
    expect(wrong).toMatchObject({
      code: 1,
      stderr: 'error: src/db.ts: export "options" returned a number; expected a TypeORM DataSource or DataSourceOptions\n',
    });
    project.write('src/db.ts', "export default Promise.reject(new Error('vault unreachable'));\n");
    expect((await project.spawn('current')).stderr).toBe('error: src/db.ts: export "default" rejected: vault unreachable\n');
    expect(await versionRows(project.db).catch(() => 'no table')).toBe('no table');
  });

  test('the config\'s own "dataSource" may be a function (TS config)', async () => {
    project.remove('entity-migrate.config.json');
    project.write(
      'entity-migrate.config.ts',
      `export default { dataSource: async () => ({ type: 'better-sqlite3', database: ${JSON.stringify(sqliteFile(project.db))} }) };\n`,
    );
    expect(await project.spawn('upgrade')).toMatchObject({ code: 0, stderr: '' });
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
  });

  test('createMigrator takes a factory, run after its envFile is loaded', async () => {
    project.write('app.env', `EM_FACTORY_DB_FILE=${sqliteFile(project.db)}\n`);
    const migrator = await createMigrator({
      envFile: 'app.env',
      cwd: project.dir,
      dataSource: async () => ({ type: 'better-sqlite3', database: process.env.EM_FACTORY_DB_FILE! }),
    });
    try {
      await migrator.upgrade('head');
    } finally {
      await migrator.close();
      delete process.env.EM_FACTORY_DB_FILE;
    }
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
    const error = await rejection(createMigrator({ cwd: project.dir, dataSource: () => Promise.resolve(undefined as never) }));
    expect(error.message).toBe('createMigrator({ dataSource }) returned undefined; expected a TypeORM DataSource or DataSourceOptions');
  });
});

describe('data-source modules on PostgreSQL', () => {
  const project = projectPerTest(createPostgresDatabase, 'ds-factory-pg');
  beforeEach(() => {
    project.writeRevision('aaaa00000001', null, createWidget, `await op.dropTable('widget');`, 'widget');
    project.write('entity-migrate.config.json', '{ "dataSource": "./src/db.ts" }');
  });

  test('default export: a Promise of a DataSource', async () => {
    project.write(
      'src/db.ts',
      "import { DataSource } from 'typeorm';\nexport default Promise.resolve(new DataSource({ type: 'postgres', url: process.env.TEST_DATABASE_URL }));\n",
    );
    expect(await project.spawn('upgrade')).toMatchObject({ code: 0, stderr: '' });
    expect(await tableNames(project.db)).toContain('widget');
  });

  test('a named options factory beside entity classes (the NestJS shape), found without naming it', async () => {
    project.write('src/widget.entity.ts', widgetEntity);
    project.write(
      'src/db.ts',
      [
        "import { Widget } from './widget.entity';",
        'export { Widget };',
        '// One factory for TypeOrmModule.forRootAsync({ useFactory: typeOrmOptions }) and the CLI.',
        "export const typeOrmOptions = async () => ({ type: 'postgres' as const, url: process.env.TEST_DATABASE_URL, entities: [Widget], autoLoadEntities: false, retryAttempts: 3 });",
        '',
      ].join('\n'),
    );
    expect(await project.spawn('upgrade')).toMatchObject({ code: 0 });
    const check = await project.spawn('check');
    expect(check).toMatchObject({ code: 0, stderr: '' });
  });

  test('several functions: "file#name" picks one, and without it the error lists them', async () => {
    project.write(
      'src/db.ts',
      [
        "export function readOnlyOptions() { return { type: 'postgres' as const, url: 'postgres://nobody@127.0.0.1:1/none' }; }",
        "export async function migrationOptions() { return { type: 'postgres' as const, url: process.env.TEST_DATABASE_URL }; }",
        '',
      ].join('\n'),
    );
    expect(await project.spawn('upgrade')).toMatchObject({
      code: 1,
      stderr: 'error: src/db.ts: exports several functions (migrationOptions, readOnlyOptions) and no DataSource; name one as "dataSource": "<file>#migrationOptions"\n',
    });
    project.write('entity-migrate.config.json', '{ "dataSource": "./src/db.ts#migrationOptions" }');
    expect(await project.spawn('upgrade')).toMatchObject({ code: 0, stderr: '' });
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
    project.write('entity-migrate.config.json', '{ "dataSource": "./src/db.ts#nope" }');
    expect((await project.spawn('current')).stderr).toBe('error: src/db.ts: has no export "nope" (exports: migrationOptions, readOnlyOptions)\n');
  });

  test('in-process: createDataSource awaits the factory and forces synchronize off', async () => {
    project.write('src/db.ts', "export default () => ({ type: 'postgres', url: process.env.EM_PG_URL, synchronize: true });\n");
    process.env.EM_PG_URL = project.db.url;
    try {
      const config = await loadConfig({ cwd: project.dir, env: {} });
      const ds = await createDataSource(config);
      expect(ds.options).toMatchObject({ type: 'postgres', url: project.db.url, synchronize: false });
      expect(config.dataSourceModule).toBe(join(project.dir, 'src/db.ts'));
    } finally {
      delete process.env.EM_PG_URL;
    }
  });
});
