/**
 * Runtime: with `transactionMode: 'all'` the run is one transaction, so its revisions are reported
 * once that commits; a run that fails and is rolled back never claims a revision was applied, and
 * its error says none were (issue 10, item 7). In-process CLI; PostgreSQL and SQLite.
 */
import { DIALECTS, tableNames, versionRows } from './helpers/databases';
import { projectPerTest } from './helpers/project';

const createTable = (name: string) => `await op.createTable({ name: '${name}', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });`;

describe.each(Object.entries(DIALECTS))("transactionMode 'all' on %s", (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'mode-all');
  beforeEach(async () => {
    project.writeConfig({ transactionMode: 'all' });
    project.writeRevision('aaaa00000001', null, createTable('alpha'), `await op.dropTable('alpha');`, 'alpha');
    expect((await project.cli('upgrade', 'head')).stdout).toBe('Running upgrade <base> -> aaaa00000001, alpha\nNow at aaaa00000001\n');
    project.writeRevision('bbbb00000002', 'aaaa00000001', createTable('beta'), `await op.dropTable('beta');`, 'beta');
    project.writeRevision('cccc00000003', 'bbbb00000002', createTable('gamma'), `await op.dropTable('gamma');`, 'gamma');
  });

  test('three revisions, the third fails: nothing claims the first two were applied, and the error says none were', async () => {
    project.writeRevision('dddd00000004', 'cccc00000003', `await op.execute('SELECT * FROM no_such_table');`, '', 'broken');
    const result = await project.cli('upgrade', 'head');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: Revision dddd00000004 \(.+\) failed during upgrade in op\.execute\(\): /);
    expect(lines[0]).toMatch(/; rolled back: none of the run's 3 revision\(s\) were applied$/);
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
    expect(await tableNames(project.db)).toEqual(['alpha', 'entity_migrate_history', 'entity_migrate_version']);
  });

  test('a run that commits reports each revision, in order, then where the database is', async () => {
    const result = await project.cli('upgrade', 'head');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^\[1\/2, [\d.]+ s\] Running upgrade aaaa00000001 -> bbbb00000002, beta\n\[2\/2, [\d.]+ s\] Running upgrade bbbb00000002 -> cccc00000003, gamma\nNow at cccc00000003\n$/);
    expect(await versionRows(project.db)).toEqual(['cccc00000003']);
  });
});
