/**
 * Runtime, PostgreSQL: two migrators with different version tables (so different locks) share one
 * history table, and the first run of each creates it. When the other one creates it at the same
 * moment, `CREATE TABLE IF NOT EXISTS` fails on a duplicate key of the catalog
 * (`pg_type_typname_nsp_index`) instead of finding the table: the run goes on with the table the
 * other made (issue 10, item 11).
 */
import { createMigrator } from '../src';
import { createPostgresDatabase, versionRows, withConnection } from './helpers/databases';
import { createTableOp, dropTableOp, projectPerTest } from './helpers/project';
import { waitFor } from './helpers/wait-for';

describe('PostgreSQL: the shared history table created by another migrator at the same moment', () => {
  const project = projectPerTest(createPostgresDatabase);

  test('the run uses the table the other one committed', async () => {
    project.writeRevision('aaaa00000001', null, createTableOp('alpha'), dropTableOp('alpha'), 'alpha');
    const migrator = await createMigrator({ dataSource: project.db.options, cwd: project.dir, versionTable: 'app_a_version' });
    try {
      await withConnection(project.db, async (other) => {
        // The other migrator, half-way: its CREATE TABLE is done but not committed yet, so ours
        // does not see the table and waits on the catalog row it is about to insert.
        const creator = other.createQueryRunner();
        await creator.connect();
        try {
          await creator.startTransaction();
          await creator.query(
            'CREATE TABLE IF NOT EXISTS "entity_migrate_history" (revision varchar(32) NOT NULL, checksum varchar(64) NOT NULL, ' +
              'direction varchar(9) NOT NULL, applied_at varchar(32) NOT NULL, duration_ms integer NOT NULL)',
          );
          const upgrade = migrator.upgrade('head').then(
            (result) => ({ result }),
            (error: unknown) => ({ error }),
          );
          await waitFor('the migrator blocked on the uncommitted history table', async () => {
            const rows: { n: string }[] = await other.query(
              `SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%entity_migrate_history%'`,
            );
            return Number(rows[0]!.n) > 0;
          });
          await creator.commitTransaction();
          const outcome = await upgrade;
          expect(outcome).toEqual({ result: expect.objectContaining({ heads: ['aaaa00000001'] }) });
        } finally {
          await creator.release();
        }
      });
      expect(await versionRows(project.db, 'app_a_version')).toEqual(['aaaa00000001']);
      const history = await withConnection(project.db, (ds) => ds.query('SELECT revision, direction FROM entity_migrate_history'));
      expect(history).toEqual([{ revision: 'aaaa00000001', direction: 'upgrade' }]);
    } finally {
      await migrator.close();
    }
  });
});
