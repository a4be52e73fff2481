/**
 * Runtime: a revision moves the version table from the row it started at to its own, and checks
 * that this is what the table then holds (issue 10, item 1). When something else changed the table
 * during the run (here the revision itself, standing in for a second migrator that did not wait
 * for the lock), the revision fails, naming the table, and is rolled back, instead of recording a
 * state nobody made. PostgreSQL, SQLite and MariaDB.
 */
import { createMigrator, RevisionFailedError } from '../src';
import { createMysqlDatabase, DIALECTS, versionRows, withConnection, type TestDatabase } from './helpers/databases';
import { projectPerTest } from './helpers/project';

const dialects: [string, () => Promise<TestDatabase>][] = [...Object.entries(DIALECTS), ['mariadb', () => createMysqlDatabase()]];

const FOREIGN = 'ffff00000000';

describe.each(dialects)('the version table changed behind the migrator on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'version-fence');

  async function counterRows(): Promise<unknown[]> {
    return withConnection(project.db, (ds) => ds.query('SELECT n FROM counter'));
  }

  async function upgradeFails(): Promise<RevisionFailedError> {
    const migrator = await createMigrator({ dataSource: project.db.options, cwd: project.dir });
    try {
      const error = await migrator.upgrade('head').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RevisionFailedError);
      return error as RevisionFailedError;
    } finally {
      await migrator.close();
    }
  }

  test('a step whose row was moved away meanwhile fails and is rolled back', async () => {
    project.writeRevision('aaaa00000001', null, `await op.createTable({ name: 'counter', columns: [{ name: 'n', type: 'integer' }] });`, '', 'counter');
    project.writeRevision(
      'bbbb00000002',
      'aaaa00000001',
      `await op.bulkInsert('counter', [{ n: 2 }]);\n  await op.execute("UPDATE entity_migrate_version SET version_num = '${FOREIGN}'");`,
      '',
      'moves the version',
    );
    const error = await upgradeFails();
    expect(error).toMatchObject({ code: 'REVISION_FAILED', revision: 'bbbb00000002' });
    expect(error.message.split('\n')).toHaveLength(1);
    expect(error.message).toMatch(/^Revision bbbb00000002 \(.*\) failed: the version table entity_migrate_version holds ffff00000000 where it should now hold bbbb00000002 \(moved from aaaa00000001\)/);
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
    expect(await counterRows()).toEqual([]);
  });

  test('a first step at base that finds the table already holding a row fails and is rolled back', async () => {
    project.writeRevision(
      'aaaa00000001',
      null,
      // No DDL: MySQL commits at DDL, which no check can undo (README, Transactions).
      `await op.execute("INSERT INTO entity_migrate_version (version_num) VALUES ('${FOREIGN}')");`,
      '',
      'first',
    );
    const error = await upgradeFails();
    expect(error).toMatchObject({ code: 'REVISION_FAILED', revision: 'aaaa00000001' });
    expect(error.message).toContain(`holds aaaa00000001, ${FOREIGN} where it should now hold aaaa00000001 (moved from base)`);
    expect(await versionRows(project.db)).toEqual([]);
  });

  test('with transactionMode all, a run whose version row was moved away fails, naming its revisions, and is rolled back', async () => {
    // No DDL: MySQL commits at DDL, which no check can undo (README, Transactions).
    project.writeRevision('aaaa00000001', null, `await op.execute('SELECT 1');`, '', 'first');
    project.writeRevision(
      'bbbb00000002',
      'aaaa00000001',
      `await op.execute("DELETE FROM entity_migrate_version");\n  await op.execute("INSERT INTO entity_migrate_version (version_num) VALUES ('${FOREIGN}')");`,
      '',
      'moves the version',
    );
    const migrator = await createMigrator({ dataSource: project.db.options, cwd: project.dir, transactionMode: 'all' });
    const error = await migrator.upgrade('head').finally(() => migrator.close()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RevisionFailedError);
    expect(error).toMatchObject({ code: 'REVISION_FAILED', revision: 'bbbb00000002' });
    expect((error as Error).message.split('\n')).toHaveLength(1);
    // Where the dialect checks the run's move at its commit (PostgreSQL), the message names both revisions.
    expect((error as Error).message).toMatch(/^Revisions? (aaaa00000001 … )?bbbb00000002 .*failed: the version table entity_migrate_version holds .*ffff00000000.* where it should now hold bbbb00000002/);
    expect(await versionRows(project.db)).toEqual([]);
  });
});
