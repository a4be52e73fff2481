/**
 * Revision ids must fit the version table's `version_num varchar(32)` (and the history table's
 * `revision` column). A longer id used to be written and loaded, and `upgrade` then failed on
 * PostgreSQL and MariaDB (MariaDB after running the revision's DDL, which it cannot roll back).
 * Now every command that chooses an id refuses it, and a file holding one is named when it loads,
 * before the database is touched. In-process CLI; PostgreSQL, SQLite and MariaDB.
 */
import { createMysqlDatabase, DIALECTS, tableNames, versionRows } from './helpers/databases';
import { createTableOp, dropTableOp, projectPerTest, type CliResult } from './helpers/project';

const LONGEST = 'a'.repeat(32);
const TOO_LONG = 'b'.repeat(40);

function expectOneLine(result: CliResult, ...fragments: string[]): void {
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
}

describe.each(Object.entries({ ...DIALECTS, mariadb: () => createMysqlDatabase() }))('revision ids on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'rev-id-length');
  beforeEach(() => {
    project.writeConfig();
  });

  test('an id of 32 characters is written, loaded and recorded', async () => {
    const made = await project.cli('revision', '-m', 'longest', '--rev-id', LONGEST);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect((await project.cli('upgrade')).code).toBe(0);
    expect(await versionRows(project.db)).toEqual([LONGEST]);
  });

  test('a hand-written file with a 40-character id is named when it loads; nothing runs', async () => {
    project.writeRevision(TOO_LONG, null, createTableOp('alpha'), dropTableOp('alpha'), 'too long');
    expectOneLine(await project.cli('upgrade'), `${TOO_LONG}_too_long.ts`, 'at most 32 characters');
    expectOneLine(await project.cli('history'), `${TOO_LONG}_too_long.ts`);
    expect(await tableNames(project.db)).toEqual([]);
  });
});

describe('commands that choose an id refuse one longer than the version column', () => {
  const project = projectPerTest(DIALECTS.sqlite, 'rev-id-length');
  beforeEach(() => {
    project.writeConfig();
  });

  test('revision, merge and baseline --rev-id', async () => {
    expectOneLine(await project.cli('revision', '-m', 'x', '--rev-id', TOO_LONG), `--rev-id ${TOO_LONG}`, 'at most 32 characters');
    expect(project.revisionFiles()).toEqual([]);

    project.writeRevision('aaaa00000001', null, 'return;', 'return;', 'root');
    project.writeRevision('bbbb00000002', 'aaaa00000001', 'return;', 'return;', 'left');
    project.writeRevision('cccc00000003', 'aaaa00000001', 'return;', 'return;', 'right');
    const before = project.revisionFiles();
    expectOneLine(await project.cli('merge', 'heads', '-m', 'join', '--rev-id', TOO_LONG), `--rev-id ${TOO_LONG}`, 'at most 32 characters');
    expect(project.revisionFiles()).toEqual(before);

    expectOneLine(await project.cli('baseline', '-m', 'adopt', '--force', '--rev-id', TOO_LONG), `--rev-id ${TOO_LONG}`, 'at most 32 characters');
    expect(project.revisionFiles()).toEqual(before);
    expect(await tableNames(project.db)).toEqual([]);
  });

  test('characters the version table cannot hold as written are refused too', async () => {
    expectOneLine(await project.cli('revision', '-m', 'x', '--rev-id', "it's"), "--rev-id it's", 'letters, digits');
    expect(project.revisionFiles()).toEqual([]);
  });
});
