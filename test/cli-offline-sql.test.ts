/**
 * Offline scripts (issue 12 §1): `upgrade [START:]END --sql` and `downgrade START:END --sql` with no
 * server reachable (`--url` at a closed port; SQLite: a file that does not exist). Each script, fed
 * to the database's own CLI (psql, sqlite3, mariadb), must leave the schema `upgrade`/`downgrade`
 * leave (compared as catalog snapshots), and its history rows take the database's clock. Bad ranges
 * are refused with one line. Needs PostgreSQL, MariaDB and the three CLIs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createMysqlDatabase, createPostgresDatabase, createSqliteDatabase, sqliteFile, versionRows, withConnection, type TestDatabase } from './helpers/databases';
import { mysqlCatalogSnapshot } from './helpers/catalog-snapshot-mysql';
import { postgresCatalogSnapshot } from './helpers/catalog-snapshot-postgres';
import { sqliteCatalogSnapshot } from './helpers/catalog-snapshot-sqlite';
import { projectPerTest, type TestProject } from './helpers/project';
import { databasePerTest } from './helpers/databases';

interface Case {
  create: () => Promise<TestDatabase>;
  /** Config keys beside the URL. */
  config: Record<string, unknown>;
  /** A URL of this dialect that no server answers (SQLite: a file that does not exist). */
  unreachable: (project: TestProject) => string;
  /** Run a script on the database with the database's own CLI; throws with its stderr on failure. */
  feed: (db: TestDatabase, script: string) => void;
  snapshot: (db: TestDatabase) => Promise<unknown>;
  enumColumn: string;
}

function runTool(command: string, args: string[], input: string): void {
  const result = spawnSync(command, args, { input, encoding: 'utf8' });
  if (result.status !== 0 || /ERROR/.test(result.stderr)) throw new Error(`${command} failed (${result.status}): ${result.stderr}\n${input}`);
}

const CASES: Record<string, Case> = {
  postgres: {
    create: createPostgresDatabase,
    config: {},
    unreachable: () => 'postgres://postgres@127.0.0.1:1/never_created',
    feed: (db, script) => runTool('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db.url, '-f', '-'], script),
    snapshot: (db) => withConnection(db, (ds) => postgresCatalogSnapshot(ds)),
    enumColumn: `{ name: 'status', type: 'enum', enum: ['draft', 'live'], default: "'draft'" }`,
  },
  sqlite: {
    create: createSqliteDatabase,
    config: {},
    unreachable: (project) => `sqlite:${join(project.dir, 'missing', 'never.sqlite')}`,
    feed: (db, script) => runTool('sqlite3', ['-bail', sqliteFile(db)], script),
    snapshot: (db) => withConnection(db, (ds) => sqliteCatalogSnapshot(ds)),
    enumColumn: `{ name: 'status', type: 'varchar', length: '10', default: "'draft'" }`,
  },
  mariadb: {
    create: () => createMysqlDatabase(),
    config: { type: 'mariadb' },
    unreachable: () => 'mysql://root@127.0.0.1:1/never_created',
    feed: (db, script) => {
      const url = new URL(db.url);
      runTool('mariadb', ['-h', url.hostname, '-P', url.port || '3306', '-u', url.username, url.pathname.slice(1)], script);
    },
    snapshot: (db) => withConnection(db, (ds) => mysqlCatalogSnapshot(ds)),
    enumColumn: `{ name: 'status', type: 'enum', enum: ['draft', 'live'], default: "'draft'" }`,
  },
};

/** Three revisions that touch what offline ops must know from earlier ones: columns, keys, indexes, rebuilds, views. */
function writeRevisions(project: TestProject, enumColumn: string, tagTable = 'tag'): void {
  const author = `{ name: 'author', columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'name', type: 'varchar', length: '50' }, ${enumColumn}] }`;
  const book = `{ name: 'book', columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'title', type: 'varchar', length: '100' }, { name: 'author_id', type: 'integer', isNullable: true }],
      foreignKeys: [{ name: 'FK_book_author', columnNames: ['author_id'], referencedTableName: 'author', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      indices: [{ name: 'IDX_book_title', columnNames: ['title'] }] }`;
  project.writeRevision('aaaa00000001', null, `await op.createTable(${author});\n  await op.createTable(${book});`, `await op.dropTable(${book});\n  await op.dropTable(${author});`, 'authors and books');
  project.writeRevision(
    'bbbb00000002',
    'aaaa00000001',
    [
      `await op.addColumn('author', { name: 'email', type: 'varchar', length: '120', isNullable: true });`,
      `await op.alterColumn('book', 'title', { length: '200' });`,
      `await op.renameColumn('author', 'name', 'full_name');`,
      `await op.renameColumn('author', 'status', 'state');`,
      `await op.createIndex('author', { name: 'UQ_author_email', columnNames: ['email'], isUnique: true });`,
    ].join('\n  '),
    [
      `await op.dropIndex('author', 'UQ_author_email');`,
      `await op.renameColumn('author', 'state', 'status');`,
      `await op.renameColumn('author', 'full_name', 'name');`,
      `await op.alterColumn('book', 'title', { length: '100' });`,
      `await op.dropColumn('author', 'email');`,
    ].join('\n  '),
    'widen and rename',
  );
  project.writeRevision(
    'cccc00000003',
    'bbbb00000002',
    [
      `await op.dropIndex('book', 'IDX_book_title');`,
      `await op.dropForeignKey('book', 'FK_book_author');`,
      `await op.dropColumn('book', 'author_id');`,
      `await op.createTable({ name: 'tag', columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'label', type: 'varchar', length: '30' }] });`,
      `await op.bulkInsert('tag', [{ id: 1, label: "it's new" }, { id: 2, label: 'old' }]);`,
      `await op.createView({ name: 'tag_labels', expression: 'SELECT label FROM ${tagTable}' });`,
    ].join('\n  '),
    [
      `await op.dropView('tag_labels');`,
      `await op.bulkDelete('tag', [{ id: 1 }]);`,
      `await op.dropTable('tag');`,
      `await op.addColumn('book', { name: 'author_id', type: 'integer', isNullable: true });`,
      `await op.createForeignKey('book', { name: 'FK_book_author', columnNames: ['author_id'], referencedTableName: 'author', referencedColumnNames: ['id'], onDelete: 'CASCADE' });`,
      `await op.createIndex('book', { name: 'IDX_book_title', columnNames: ['title'] });`,
    ].join('\n  '),
    'drop the link, add tags',
  );
}

describe.each(Object.keys(CASES))('offline --sql on %s', (name) => {
  const c = CASES[name]!;
  const project = projectPerTest(c.create, `offline-${name}`);
  const scripted = databasePerTest(c.create);

  /** The script for `args`, written with the URL pointing where nothing answers. */
  async function offline(...args: string[]): Promise<string> {
    const result = await project.cli(...args, '--sql', '--url', c.unreachable(project));
    expect(result.stderr).not.toMatch(/error|warning/);
    expect(result.code).toBe(0);
    return result.stdout;
  }

  beforeEach(() => {
    project.writeConfig({ entities: [], ...c.config });
    writeRevisions(project, c.enumColumn);
  });

  test('scripts for ranges, fed to the database CLI, leave the schema upgrade and downgrade leave; nothing connects', async () => {
    const generatedAt = new Date().toISOString();
    const full = await offline('upgrade', 'base:head');
    // The history rows take the database's clock when the script runs, not a time written into it.
    expect(full).not.toMatch(/'\d{4}-\d\d-\d\dT\d\d:/);
    if (name === 'sqlite') expect(existsSync(join(project.dir, 'missing'))).toBe(false);
    // `upgrade head --sql` with no database answering starts at base too, and says so.
    const bare = await project.cli('upgrade', 'head', '--sql', '--url', c.unreachable(project));
    expect(bare.code).toBe(0);
    expect(bare.stderr).toMatch(/warning: .*the script starts at base/);
    expect(bare.stdout).toBe(full);

    const at = async (target: string) => {
      const run = await project.cli(target === 'base' ? 'downgrade' : 'upgrade', target);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      return c.snapshot(project.db);
    };
    const atHead = await at('head');
    const atB = await (async () => {
      expect((await project.cli('downgrade', 'bbbb')).code).toBe(0);
      return c.snapshot(project.db);
    })();
    const atA = await (async () => {
      expect((await project.cli('downgrade', 'aaaa')).code).toBe(0);
      return c.snapshot(project.db);
    })();
    const atBase = await at('base');

    c.feed(scripted, full);
    expect(await c.snapshot(scripted)).toEqual(atHead);
    expect(await versionRows(scripted)).toEqual(['cccc00000003']);
    const appliedAt = await withConnection(scripted, (ds) => ds.query(`SELECT applied_at FROM entity_migrate_history`)) as { applied_at: string }[];
    expect(appliedAt).toHaveLength(3);
    for (const row of appliedAt) {
      expect(row.applied_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(row.applied_at >= generatedAt).toBe(true);
    }

    c.feed(scripted, await offline('downgrade', 'head:aaaa'));
    expect(await c.snapshot(scripted)).toEqual(atA);
    expect(await versionRows(scripted)).toEqual(['aaaa00000001']);

    c.feed(scripted, await offline('upgrade', 'aaaa:bbbb'));
    expect(await c.snapshot(scripted)).toEqual(atB);
    c.feed(scripted, await offline('upgrade', 'bbbb:+1'));
    expect(await c.snapshot(scripted)).toEqual(atHead);
    expect(await versionRows(scripted)).toEqual(['cccc00000003']);

    c.feed(scripted, await offline('downgrade', 'cccc:base'));
    expect(await c.snapshot(scripted)).toEqual(atBase);
    expect(await versionRows(scripted)).toEqual([]);
  });

  test('stamp --sql connects to nothing: START:END, or a target alone (from base, with a warning); fed to the database CLI it records what a live stamp does', async () => {
    c.feed(scripted, await offline('stamp', 'base:bbbb00000002'));
    expect(await versionRows(scripted)).toEqual(['bbbb00000002']);
    c.feed(scripted, await offline('stamp', 'bbbb00000002:head'));
    expect(await versionRows(scripted)).toEqual(['cccc00000003']);
    const bare = await project.cli('stamp', 'aaaa00000001', '--sql', '--url', c.unreachable(project));
    expect(bare.code).toBe(0);
    expect(bare.stderr).toMatch(/^warning: .*; the script starts at base \(write START:END to choose where it starts\)\n$/);
    expect(bare.stdout).toBe(await offline('stamp', ':aaaa00000001'));
    if (name === 'sqlite') expect(existsSync(join(project.dir, 'missing'))).toBe(false);
    // The live stamp leaves the same row.
    expect((await project.cli('stamp', 'aaaa00000001')).code).toBe(0);
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
  });

  test('bad ranges are refused with one line, before anything connects', async () => {
    const refusals: [string[], RegExp][] = [
      [['upgrade', 'base:aaaa:head', '--sql'], /^error: Range 'base:aaaa:head' for upgrade --sql must be START:END/],
      [['upgrade', 'aaaa:', '--sql'], /^error: Range 'aaaa:' for upgrade --sql has no END/],
      [['downgrade', ':base', '--sql'], /^error: Range ':base' for downgrade --sql has no START/],
      [['upgrade', 'head:aaaa', '--sql'], /^error: Range 'head:aaaa' for upgrade --sql goes back .*'downgrade head:aaaa --sql'/],
      [['downgrade', 'aaaa:head', '--sql'], /^error: Range 'aaaa:head' for downgrade --sql goes forward .*'upgrade aaaa:head --sql'/],
      [['upgrade', 'zzzz:head', '--sql'], /^error: Range 'zzzz:head' for upgrade --sql at its START: No revision matches 'zzzz'/],
      [['upgrade', 'current:head', '--sql'], /^error: Range 'current:head' for upgrade --sql names 'current'/],
      [['upgrade', 'aaaa:head'], /^error: 'upgrade aaaa:head' is a range, which only --sql takes/],
      [['downgrade', 'head'.concat(':base')], /^error: 'downgrade head:base' is a range, which only --sql takes/],
      [['stamp', 'base:aaaa:head', '--sql'], /^error: Range 'base:aaaa:head' for stamp --sql must be START:END/],
      [['stamp', 'aaaa:', '--sql'], /^error: Range 'aaaa:' for stamp --sql has no END/],
      [['stamp', 'zzzz:head', '--sql'], /^error: Range 'zzzz:head' for stamp --sql at its START: No revision matches 'zzzz'/],
      [['stamp', 'aaaa:head'], /^error: 'stamp aaaa:head' is a range, which only --sql takes/],
      [['downgrade', 'base', '--sql'], /^error: downgrade base --sql starts where the database stands, which it could not read \(.*\): write the range, e.g. 'downgrade head:base --sql'/],
    ];
    for (const [args, message] of refusals) {
      const result = await project.cli(...args, '--url', c.unreachable(project));
      expect({ args, code: result.code }).toEqual({ args, code: 1 });
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    }
  });
});

describe('offline --sql on PostgreSQL with a data source schema', () => {
  const project = projectPerTest(createPostgresDatabase, 'offline-schema');
  const scripted = databasePerTest(createPostgresDatabase);

  test('names are qualified as upgrade qualifies them, and the script builds the same tenant schema', async () => {
    project.writeConfig({ entities: [], type: 'postgres', schema: 'tenant_a' });
    // The view's SQL is the revision's own: it names the schema, which the search path does not hold.
    writeRevisions(project, CASES.postgres!.enumColumn, 'tenant_a.tag');
    const script = await project.cli('upgrade', 'base:head', '--sql', '--url', CASES.postgres!.unreachable(project));
    expect(script.code).toBe(0);
    expect(script.stdout).toContain('CREATE TABLE "tenant_a"."author"');
    const live = await project.cli('upgrade', 'head');
    expect(live.stderr).toBe('');
    expect(live.code).toBe(0);
    CASES.postgres!.feed(scripted, script.stdout);
    expect(await CASES.postgres!.snapshot(scripted)).toEqual(await CASES.postgres!.snapshot(project.db));
    expect(await versionRows(scripted, 'tenant_a.entity_migrate_version')).toEqual(['cccc00000003']);
  });
});
