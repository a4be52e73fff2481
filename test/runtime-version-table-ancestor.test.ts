/**
 * A version table that records a revision and one of its descendants (a hand edit, a bad merge of
 * two databases' rows) says the database is at two places of one chain at once. It used to be
 * read as "at the descendant" ("Nothing to upgrade"), or planned from the ancestor. Every command
 * that reads the table now refuses it with one line naming both revisions; `stamp --purge` (as in
 * Alembic) replaces whatever the table holds. In-process CLI; PostgreSQL and SQLite.
 */
import { DIALECTS, versionRows, withConnection } from './helpers/databases';
import { createTableOp, dropTableOp, projectPerTest, type CliResult } from './helpers/project';

describe.each(Object.entries(DIALECTS))('a version table holding an ancestor and its descendant, on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'ancestor-recorded');
  beforeEach(async () => {
    project.writeConfig();
    project.writeRevision('aaaa00000001', null, createTableOp('alpha'), dropTableOp('alpha'), 'alpha');
    project.writeRevision('bbbb00000002', 'aaaa00000001', createTableOp('beta'), dropTableOp('beta'), 'beta');
    project.writeRevision('cccc00000003', 'bbbb00000002', createTableOp('gamma'), dropTableOp('gamma'), 'gamma');
    expect((await project.cli('upgrade', 'bbbb')).code).toBe(0);
    await withConnection(project.db, (ds) => ds.query(`INSERT INTO entity_migrate_version (version_num) VALUES ('aaaa00000001')`));
  });

  function expectRefused(result: CliResult): void {
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('aaaa00000001');
    expect(lines[0]).toContain('bbbb00000002');
    expect(lines[0]).toContain('entity_migrate_version');
    expect(result.stdout).not.toContain('Running');
  }

  test('current, upgrade, downgrade, status and stamp refuse it, naming both; nothing changes', async () => {
    for (const args of [['current'], ['upgrade'], ['upgrade', 'head'], ['downgrade', '-1'], ['downgrade', 'base'], ['status', '--no-check'], ['stamp', 'cccc'], ['upgrade', '--sql']]) {
      expectRefused(await project.cli(...args));
    }
    expect(await versionRows(project.db)).toEqual(['aaaa00000001', 'bbbb00000002']);
  });

  test('stamp --purge puts it right', async () => {
    const stamped = await project.cli('stamp', '--purge', 'bbbb');
    expect(stamped.stderr).toBe('');
    expect(await versionRows(project.db)).toEqual(['bbbb00000002']);
    expect((await project.cli('upgrade')).code).toBe(0);
    expect(await versionRows(project.db)).toEqual(['cccc00000003']);
  });
});
