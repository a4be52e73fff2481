/**
 * Runtime, a database built without us: `upgrade` on tables made by TypeORM's synchronize (or by
 * hand), with nothing recorded, fails in one line that says to adopt the database (`baseline`) or
 * record the revision it matches (`stamp`). Once a revision has run there, an "already exists"
 * failure is an ordinary one and gets no such hint. In-process CLI; needs PostgreSQL, SQLite and
 * MariaDB.
 */
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { createMysqlDatabase, DIALECTS, tableNames, versionRows, withConnection, type TestDatabase } from './helpers/databases';
import { createTableOp, dropTableOp, projectPerTest } from './helpers/project';
import { widgetEntitySource } from './helpers/widget-entity';

const ADOPT_HINT = /the database already has tables that no revision made \(nothing recorded in [\w.]*entity_migrate_version\): adopt it as it is with 'entity-migrate baseline -m "\.\.\."', or, if it matches a revision, record that with 'entity-migrate stamp REV'/;

/** What TypeORM's `synchronize: true` makes of the project's entities, as an app at startup would. */
async function synchronize(db: TestDatabase, entitiesGlob: string): Promise<void> {
  const dataSource = new DataSource({ ...db.options, entities: [entitiesGlob], synchronize: true } as DataSourceOptions);
  await dataSource.initialize();
  await dataSource.destroy();
}

const DATABASES: Record<string, () => Promise<TestDatabase>> = { ...DIALECTS, mariadb: () => createMysqlDatabase() };

describe.each(Object.entries(DATABASES))('"already exists" on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'already-exists');
  const writeConfig = (extra: Record<string, unknown>) =>
    project.writeConfig({ ...(project.db.dialect === 'mysql' ? { type: 'mariadb' } : {}), ...extra });

  test('tables from synchronize, nothing recorded: upgrade fails in one line naming baseline and stamp, every time', async () => {
    writeConfig({ entities: ['entities/*.ts'] });
    project.write('entities/user.ts', widgetEntitySource('app_user'));
    expect((await project.cli('revision', '--autogenerate', '-m', 'create users')).code).toBe(0);
    await synchronize(project.db, join(project.dir, 'entities', '*.ts'));
    expect(await tableNames(project.db)).toEqual(['app_user']);

    const failed = await project.cli('upgrade', 'head');
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toMatch(/failed during upgrade in op\.createTable\(app_user\): .*already exists/i);
    expect(failed.stderr).toMatch(ADOPT_HINT);
    expect(await versionRows(project.db)).toEqual([]);

    // The failed run left our (empty) tables behind; nothing is recorded still, so the hint stays.
    const again = await project.cli('upgrade', 'head');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(ADOPT_HINT);
  });

  test('once a revision is recorded (or ever ran), "already exists" is an ordinary failure without the hint', async () => {
    writeConfig({ entities: [] });
    project.writeRevision('aaaa00000001', null, createTableOp('alpha'), dropTableOp('alpha'), 'create alpha');
    project.writeRevision('bbbb00000002', 'aaaa00000001', createTableOp('beta'), dropTableOp('beta'), 'create beta');
    expect((await project.cli('upgrade', '+1')).code).toBe(0);
    await withConnection(project.db, (ds) => ds.query('CREATE TABLE beta (id integer PRIMARY KEY)'));

    const recorded = await project.cli('upgrade', 'head');
    expect(recorded.code).toBe(1);
    expect(recorded.stderr.trim().split('\n')).toHaveLength(1);
    expect(recorded.stderr).toMatch(/Revision bbbb00000002 .* failed during upgrade in op\.createTable\(beta\): .*already exists/i);
    expect(recorded.stderr).not.toContain('baseline');

    // Back at base the version table records nothing, but the history shows revisions ran here.
    expect((await project.cli('downgrade', 'base')).code).toBe(0);
    await withConnection(project.db, (ds) => ds.query('CREATE TABLE alpha (id integer PRIMARY KEY)'));
    const downgraded = await project.cli('upgrade', 'head');
    expect(downgraded.code).toBe(1);
    expect(downgraded.stderr).toMatch(/already exists/i);
    expect(downgraded.stderr).not.toContain('baseline');
  });

  test('on a fresh database, a failure other than "already exists" gets no hint', async () => {
    writeConfig({ entities: [] });
    project.writeRevision('aaaa00000001', null, `await op.execute('SELECT missing_column FROM missing_table');`, '', 'broken');
    const failed = await project.cli('upgrade', 'head');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('missing_table');
    expect(failed.stderr).not.toContain('baseline');
  });
});
