/**
 * Runtime: a revision that fails for a reason outside its ops (the connection dies, a deferred
 * foreign key fails at COMMIT, the bookkeeping fails) still gives one line naming the revision,
 * the op or the phase, the database's own words, and whether the rollback happened (issue 10,
 * item 5). In-process CLI; PostgreSQL and SQLite (MariaDB: runtime-revision-errors-mysql.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createPostgresDatabase, createSqliteDatabase, DIALECTS, tableNames, versionRows, withConnection } from './helpers/databases';
import { projectPerTest, type CliResult, type TestProject } from './helpers/project';
import { waitFor } from './helpers/wait-for';

const createTable = (name: string) => `await op.createTable({ name: '${name}', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });`;

/** The one line the CLI printed: exit 1, nothing on stdout claiming success, no stack. */
function errorLine(result: CliResult): string {
  expect(result.code).toBe(1);
  expect(result.stdout).not.toContain('Now at');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: Revision \S+ \(/);
  return lines[0]!;
}

const file = (name: string) => join('migrations', 'versions', name);

function firstRevision(project: TestProject): void {
  project.writeConfig();
  project.writeRevision('aaaa00000001', null, createTable('alpha'), `await op.dropTable('alpha');`, 'alpha');
}

/**
 * A revision that creates `parent` and `child` (the statements given) and inserts a child row
 * whose parent is missing: the database refuses it only when the revision commits.
 */
async function expectOrphanRefusedAtCommit(project: TestProject, createTables: string[], cause: string): Promise<void> {
  const upgrade = [...createTables, `await op.execute('INSERT INTO child VALUES (1, 42)');`].join('\n  ');
  project.writeRevision('bbbb00000002', 'aaaa00000001', upgrade, `await op.dropTable('child');\n  await op.dropTable('parent');`, 'orphan');
  const line = errorLine(await project.cli('upgrade', 'head'));
  expect(line).toContain(`Revision bbbb00000002 (${file('bbbb00000002_orphan.ts')}) failed during upgrade at commit: `);
  expect(line).toContain(cause);
  expect(line).toMatch(/; rolled back$/);
  expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
  expect(await tableNames(project.db)).not.toContain('child');
}

describe('PostgreSQL', () => {
  const project = projectPerTest(createPostgresDatabase, 'revision-errors');
  beforeEach(() => firstRevision(project));

  test("the database's hint comes with its error (how to get past it, e.g. max_locks_per_transaction)", async () => {
    project.writeRevision('bbbb00000002', 'aaaa00000001', `await op.execute('SELECT no_such_function(1)');`, '', 'hinted');
    const line = errorLine(await project.cli('upgrade', 'head'));
    expect(line).toContain(`Revision bbbb00000002 (${file('bbbb00000002_hinted.ts')}) failed during upgrade in op.execute(): function no_such_function(integer) does not exist (hint: No function matches the given name and argument types. You might need to add explicit type casts.); SQL: SELECT no_such_function(1); rolled back`);
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
  });

  test('the backend terminated mid-revision: the op, the cause, and what the failed rollback means', async () => {
    const marker = `em_sleeper_${randomBytes(4).toString('hex')}`;
    project.writeRevision('bbbb00000002', 'aaaa00000001', `${createTable('beta')}\n  await op.execute('SELECT pg_sleep(300) AS ${marker}');`, `await op.dropTable('beta');`, 'slow');
    const running = project.cli('upgrade', 'head');
    await withConnection(project.db, async (ds) => {
      const sleeper = `SELECT pid FROM pg_stat_activity WHERE query LIKE '%AS ${marker}%' AND pid <> pg_backend_pid()`;
      await waitFor('the revision to sleep', async () => (await ds.query(sleeper)).length > 0);
      await ds.query(`SELECT pg_terminate_backend(pid) FROM (${sleeper}) AS sleeping`);
    });
    const line = errorLine(await running);
    expect(line).toContain(`Revision bbbb00000002 (${file('bbbb00000002_slow.ts')}) failed during upgrade in op.execute(): `);
    expect(line).toContain('terminating connection due to administrator command');
    // The ROLLBACK cannot reach the server; the error says so, and what that leaves behind.
    expect(line).toMatch(/; rollback failed: .+; it was not committed, so the database discards it with the lost connection/);
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
    expect(await tableNames(project.db)).not.toContain('beta');
  });

  test('a deferred foreign key that fails at COMMIT names the commit and says it was rolled back', async () => {
    await expectOrphanRefusedAtCommit(project, [
      `await op.execute('CREATE TABLE parent (id integer PRIMARY KEY)');`,
      `await op.execute('CREATE TABLE child (id integer PRIMARY KEY, parent_id integer REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)');`,
    ], 'violates foreign key constraint');
  });
});

describe('SQLite', () => {
  const project = projectPerTest(createSqliteDatabase, 'revision-errors');
  beforeEach(() => firstRevision(project));

  test('PRAGMA foreign_key_check failing before COMMIT names the commit and says it was rolled back', async () => {
    await expectOrphanRefusedAtCommit(project, [
      createTable('parent'),
      `await op.createTable({ name: 'child', columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'parent_id', type: 'integer' }], foreignKeys: [{ columnNames: ['parent_id'], referencedTableName: 'parent', referencedColumnNames: ['id'] }] });`,
    ], 'foreign key check failed: 1 row(s) in "child" reference missing rows in "parent"');
  });
});

describe.each(Object.entries(DIALECTS))('bookkeeping on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'revision-errors');
  beforeEach(() => firstRevision(project));

  test('a failing version/history update names the bookkeeping and says it was rolled back', async () => {
    // The history row cannot be written once the revision has dropped the history table.
    project.writeRevision('bbbb00000002', 'aaaa00000001', `${createTable('beta')}\n  await op.execute('DROP TABLE entity_migrate_history');`, `await op.dropTable('beta');`, 'no history');
    const line = errorLine(await project.cli('upgrade', 'head'));
    expect(line).toContain(`Revision bbbb00000002 (${file('bbbb00000002_no_history.ts')}) failed during upgrade at bookkeeping `);
    expect(line).toContain('entity_migrate_history');
    expect(line).toMatch(/; rolled back$/);
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
    expect(await tableNames(project.db)).toEqual(['alpha', 'entity_migrate_history', 'entity_migrate_version']);
  });
});
