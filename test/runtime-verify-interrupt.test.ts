/**
 * `verify` cleans up after itself when stopped: SIGINT (Ctrl-C) or SIGTERM while a revision runs
 * on the scratch database drops it (PostgreSQL) or removes its file (SQLite) and exits 130 / 143.
 * `--scratch-url` verifies on a database the user gives (one they may not create): used as given,
 * refused unless empty, emptied again (also when interrupted), never dropped. And no pg
 * DeprecationWarning on stderr (TypeORM's table loader overlapping queries on one connection).
 * The built CLI in a child process (signals); needs PostgreSQL, SQLite and (--scratch-url) MariaDB.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createMysqlDatabase, createPostgresDatabase, createSqliteDatabase, PG_ADMIN_URL, databasePerTest, sqliteFile, tableNames, withConnection, type TestDatabase } from './helpers/databases';
import { projectPerTest, type TestProject } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';
import { scaled, waitFor } from './helpers/wait-for';

beforeAll(() => ensureBuilt(), 120_000);
jest.setTimeout(scaled(180_000));

async function adminQuery<T>(sql: string, parameters: unknown[] = []): Promise<T> {
  const ds = await new DataSource({ type: 'postgres', url: PG_ADMIN_URL }).initialize();
  try {
    return (await ds.query(sql, parameters)) as T;
  } finally {
    await ds.destroy();
  }
}

/** The database a statement carrying `marker` runs in, once it runs (a revision blocked in it). */
async function databaseRunning(marker: string): Promise<string> {
  let database: string | undefined;
  await waitFor(`a statement with ${marker}`, async () => {
    const rows = await adminQuery<{ datname: string }[]>(`SELECT datname FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`, [`%${marker}%`]);
    database = rows[0]?.datname;
    return database !== undefined;
  });
  return database!;
}

async function databaseExists(name: string): Promise<boolean> {
  return (await adminQuery<unknown[]>(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).length > 0;
}

/** A first revision that makes a table, then one that blocks (runs `blockingSql`, or awaits forever). */
function writeBlockingRevisions(project: TestProject, block: string): void {
  project.writeRevision('aaaaaaaaaaaa', null, `await op.createTable({ name: 'widget', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });`, `await op.dropTable('widget');`);
  project.writeRevision('bbbbbbbbbbbb', 'aaaaaaaaaaaa', block, '');
}

const signals = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const;

describe('interrupted on PostgreSQL: the scratch database is dropped', () => {
  const project = projectPerTest(createPostgresDatabase, 'verify-interrupt');

  test.each(signals)('%s → exit %i, no scratch database left', async (signal, code) => {
    const marker = `em_verify_gate_${process.pid}_${randomBytes(4).toString('hex')}`;
    project.writeConfig();
    writeBlockingRevisions(project, `await op.execute("SELECT pg_sleep(600) /* ${marker} */");`);
    const verify = project.start(['verify']);
    const scratch = await databaseRunning(marker);
    expect(scratch).toMatch(/^entity_migrate_verify_/);
    verify.child.kill(signal);
    const result = await verify.done;
    expect([result.code, result.signal]).toEqual([code, null]);
    expect(result.stderr).toContain(`verify interrupted by ${signal}`);
    expect(result.stderr).not.toContain('DeprecationWarning');
    expect(await databaseExists(scratch)).toBe(false);
    expect(await adminQuery<unknown[]>(`SELECT 1 FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`, [`%${marker}%`])).toEqual([]);
  });
});

describe('interrupted on SQLite: the scratch file is removed', () => {
  const project = projectPerTest(createSqliteDatabase, 'verify-interrupt-sqlite');

  test.each(signals)('%s → exit %i, no scratch file left', async (signal, code) => {
    project.writeConfig();
    const mark = join(project.dir, 'scratch-path.txt');
    // The revision says where it runs, then waits ten minutes (a gate that does not open in time).
    writeBlockingRevisions(
      project,
      `require('node:fs').writeFileSync(${JSON.stringify(mark)}, String(dataSource.options.database));\n  await new Promise((resolve) => setTimeout(resolve, 600_000));`,
    );
    project.write(
      `migrations/versions/bbbbbbbbbbbb_revision_bbbbbbbbbbbb.ts`,
      project.read('migrations/versions/bbbbbbbbbbbb_revision_bbbbbbbbbbbb.ts').replace('upgrade({ op }', 'upgrade({ op, dataSource }'),
    );
    const verify = project.start(['verify']);
    // writeFileSync creates the file before it writes: wait for the path itself, not the file.
    let scratch = '';
    await waitFor('the revision on the scratch file', () => {
      scratch = existsSync(mark) ? readFileSync(mark, 'utf8') : '';
      return scratch !== '';
    });
    expect(scratch).not.toBe(sqliteFile(project.db));
    expect(existsSync(scratch)).toBe(true);
    verify.child.kill(signal);
    const result = await verify.done;
    expect([result.code, result.signal]).toEqual([code, null]);
    expect(result.stderr).toContain(`verify interrupted by ${signal}`);
    expect(existsSync(scratch)).toBe(false);
    expect(existsSync(join(scratch, '..'))).toBe(false);
  });
});

describe('--scratch-url: a database given to verify', () => {
  const project = projectPerTest(createPostgresDatabase, 'verify-scratch-url');
  const given = databasePerTest(createPostgresDatabase);

  test('used as given and emptied again, never dropped; no DeprecationWarning (enum columns make TypeORM overlap its queries)', async () => {
    project.write(
      'entities/widget.ts',
      [
        `import { Column, Entity, PrimaryColumn } from 'typeorm';`,
        `@Entity('widget')`,
        `export class Widget {`,
        `  @PrimaryColumn('int') id!: number;`,
        ...['a', 'b', 'c'].map((c) => `  @Column({ type: 'enum', enum: ['x', 'y'] }) ${c}!: string;`),
        `}`,
        ``,
      ].join('\n'),
    );
    project.writeConfig({ entities: ['entities/*.ts'] });
    expect((await project.spawn('revision', '--autogenerate', '-m', 'widgets')).code).toBe(0);
    const result = await project.spawn('verify', '--scratch-url', given.url);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`on a scratch database (${given.url})`);
    expect(await tableNames(given)).toEqual([]);
    expect(await userTypes(given)).toEqual([]);
    expect(await tableNames(project.db)).toEqual([]);
  });

  test('a database that is not empty is refused with one line naming what it holds, and left alone', async () => {
    await withConnection(given, (ds) => ds.query('CREATE TABLE keep_me (id int)'));
    project.writeConfig();
    project.writeRevision('aaaaaaaaaaaa', null, `await op.createTable({ name: 'widget', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });`, `await op.dropTable('widget');`);
    const result = await project.spawn('verify', '--scratch-url', given.url);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([`error: verify: --scratch-url ${given.url} is not empty (table keep_me); verify needs an empty database, which it empties again afterwards`]);
    expect(await tableNames(given)).toEqual(['keep_me']);
  });

  test('SIGINT while a revision runs there: emptied, not dropped, exit 130', async () => {
    const marker = `em_verify_gate_${process.pid}_${randomBytes(4).toString('hex')}`;
    project.writeConfig();
    writeBlockingRevisions(project, `await op.execute("SELECT pg_sleep(600) /* ${marker} */");`);
    const verify = project.start(['verify', '--scratch-url', given.url]);
    expect(await databaseRunning(marker)).toBe(new URL(given.url).pathname.slice(1));
    verify.child.kill('SIGINT');
    const result = await verify.done;
    expect([result.code, result.stderr]).toEqual([130, expect.stringContaining('verify interrupted by SIGINT')]);
    expect(await tableNames(given)).toEqual([]);
  });
});

describe('--scratch-url on SQLite', () => {
  const project = projectPerTest(createSqliteDatabase, 'verify-scratch-url-sqlite');
  const given = databasePerTest(createSqliteDatabase);

  test('a file given to verify is used and emptied again', async () => {
    project.writeConfig();
    project.writeRevision('aaaaaaaaaaaa', null, `await op.createTable({ name: 'widget', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });`, `await op.dropTable('widget');`);
    const result = await project.spawn('verify', '--scratch-url', given.url);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(sqliteFile(given))).toBe(true);
    expect(await tableNames(given)).toEqual([]);
  });
});

async function userTypes(db: TestDatabase): Promise<string[]> {
  return withConnection(db, async (ds) =>
    ((await ds.query(`SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`)) as { typname: string }[]).map((r) => r.typname),
  );
}

describe('--scratch-url on MariaDB', () => {
  const project = projectPerTest(() => createMysqlDatabase(), 'verify-scratch-url-mysql');
  const given = databasePerTest(() => createMysqlDatabase());

  test('a database given to verify is used and emptied again (tables referencing each other), never dropped', async () => {
    project.writeConfig();
    project.writeRevision(
      'aaaaaaaaaaaa',
      null,
      `await op.createTable({ name: 'parent', columns: [{ name: 'id', type: 'int', isPrimary: true }] });
  await op.createTable({ name: 'child', columns: [{ name: 'id', type: 'int', isPrimary: true }, { name: 'parent_id', type: 'int' }], foreignKeys: [{ columnNames: ['parent_id'], referencedTableName: 'parent', referencedColumnNames: ['id'] }] });`,
      `await op.dropTable('child');
  await op.dropTable('parent');`,
    );
    const result = await project.spawn('verify', '--scratch-url', given.url);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await tableNames(given)).toEqual([]);
  });
});
