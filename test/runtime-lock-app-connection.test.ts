/**
 * Runtime, PostgreSQL: the migration lock borrows a connection of the app's pool (an initialized
 * DataSource passed to createMigrator) and hands it back as it was. Waiting for the lock sets
 * `client_connection_check_interval` on it; after the run, and after a LOCK_TIMEOUT too, the
 * connection has the app's own value again (issue 10, item 12).
 */
import { DataSource, type DataSourceOptions } from 'typeorm';
import { createMigrator } from '../src';
import { advisoryKey } from '../src/dialects/postgres/advisory-lock';
import { createPostgresDatabase, withConnection } from './helpers/databases';
import { createTableOp, dropTableOp, projectPerTest } from './helpers/project';

describe('PostgreSQL: an app DataSource with one pooled connection', () => {
  const project = projectPerTest(createPostgresDatabase);

  /** The app's DataSource: a pool of one, so every query after the migrator's runs on the connection it used. */
  async function appDataSource(): Promise<DataSource> {
    const dataSource = new DataSource({ ...project.db.options, extra: { max: 1 } } as DataSourceOptions);
    await dataSource.initialize();
    // The app's own setting, on its session.
    await dataSource.query(`SET client_connection_check_interval = '7s'`);
    return dataSource;
  }

  const checkInterval = async (dataSource: DataSource): Promise<string> =>
    ((await dataSource.query('SHOW client_connection_check_interval')) as { client_connection_check_interval: string }[])[0]!.client_connection_check_interval;

  beforeEach(() => {
    project.writeRevision('aaaa00000001', null, createTableOp('alpha'), dropTableOp('alpha'), 'alpha');
  });

  test('after a LOCK_TIMEOUT the connection keeps the app setting', async () => {
    const dataSource = await appDataSource();
    try {
      expect(await checkInterval(dataSource)).toBe('7s');
      const migrator = await createMigrator({ dataSource, cwd: project.dir, lockTimeout: 300 });
      await withConnection(project.db, async (other) => {
        const holder = other.createQueryRunner();
        await holder.connect();
        try {
          await holder.query('SELECT pg_advisory_lock($1::bigint)', [advisoryKey('entity_migrate_version')]);
          await expect(migrator.upgrade('head')).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
        } finally {
          await holder.release();
        }
      });
      expect(await checkInterval(dataSource)).toBe('7s');
    } finally {
      await dataSource.destroy();
    }
  });

  test('after a successful run the connection keeps the app setting', async () => {
    const dataSource = await appDataSource();
    try {
      const migrator = await createMigrator({ dataSource, cwd: project.dir });
      expect((await migrator.upgrade('head')).heads).toEqual(['aaaa00000001']);
      expect(await checkInterval(dataSource)).toBe('7s');
    } finally {
      await dataSource.destroy();
    }
  });
});
