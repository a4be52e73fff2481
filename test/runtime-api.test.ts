/**
 * Runtime, the programmatic API as an app uses it at startup: createMigrator → upgrade('head'),
 * with typed errors carrying a `code`. Needs PostgreSQL and SQLite.
 */
import { DataSource } from 'typeorm';
import { createMigrator, EntityMigrateError, RevisionFailedError } from '../src';
import { DIALECTS, tableNames } from './helpers/databases';
import { createTableOp as table, projectPerTest } from './helpers/project';

describe.each(Object.entries(DIALECTS))('createMigrator on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase);

  test('upgrade, current, downgrade with an app-owned DataSource that stays open', async () => {
    project.writeRevision('aaaa00000001', null, table('alpha'), `await op.dropTable('alpha');`, 'alpha');
    project.writeRevision('bbbb00000002', 'aaaa00000001', table('beta'), `await op.dropTable('beta');`, 'beta');
    const dataSource = new DataSource(project.db.options);
    await dataSource.initialize();
    const migrator = await createMigrator({ dataSource, migrationsDir: 'migrations', cwd: project.dir });
    const result = await migrator.upgrade('head');
    expect(result.steps.map((s) => s.revision)).toEqual(['aaaa00000001', 'bbbb00000002']);
    expect(result.heads).toEqual(['bbbb00000002']);
    expect((await migrator.current()).map((r) => r.id)).toEqual(['bbbb00000002']);
    await migrator.downgrade('-1');
    expect((await migrator.current()).map((r) => r.id)).toEqual(['aaaa00000001']);
    await migrator.close();
    // The app's connection is the app's: close() leaves it open.
    expect(dataSource.isInitialized).toBe(true);
    expect(await dataSource.query('SELECT 1 AS one')).toHaveLength(1);
    await dataSource.destroy();
  });

  test('options instead of a DataSource: the migrator opens and closes its own connection', async () => {
    project.writeRevision('aaaa00000001', null, table('alpha'), `await op.dropTable('alpha');`, 'alpha');
    const migrator = await createMigrator({ dataSource: project.db.options, cwd: project.dir });
    await migrator.upgrade();
    expect(migrator.dataSource.isInitialized).toBe(true);
    await migrator.close();
    expect(migrator.dataSource.isInitialized).toBe(false);
    expect(await tableNames(project.db)).toContain('alpha');
  });

  test('errors are typed and carry a code', async () => {
    project.writeRevision('aaaa00000001', null, table('alpha'), `await op.dropTable('alpha');`, 'alpha');
    project.writeRevision('bbbb00000002', 'aaaa00000001', table('beta'), '', 'beta');
    project.writeRevision('cccc00000003', 'aaaa00000001', `await op.execute('SELECT nope FROM nowhere');`, '', 'broken');
    const migrator = await createMigrator({ dataSource: project.db.options, cwd: project.dir });
    try {
      await expect(migrator.upgrade('head')).rejects.toMatchObject({ code: 'MULTIPLE_HEADS' });
      await expect(migrator.upgrade('head')).rejects.toBeInstanceOf(EntityMigrateError);
      const failure = await migrator.upgrade('cccc').catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(RevisionFailedError);
      expect(failure).toMatchObject({ code: 'REVISION_FAILED', revision: 'cccc00000003', sql: 'SELECT nope FROM nowhere' });
      expect((await migrator.current()).map((r) => r.id)).toEqual(['aaaa00000001']);
    } finally {
      await migrator.close();
    }
  });
});
