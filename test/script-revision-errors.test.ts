/**
 * Revision files and the graph: a broken versions folder fails every command with one line naming
 * the files at fault, and the database is never touched. In-process CLI; needs PostgreSQL and
 * SQLite. (The graph's own rules, without files or a database: unit/script-graph.test.ts.)
 */
import { join } from 'node:path';
import { DIALECTS, tableNames } from './helpers/databases';
import { projectPerTest } from './helpers/project';

const noop = 'return;';

describe.each(Object.entries(DIALECTS))('a broken versions folder on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase);
  beforeEach(() => {
    project.writeConfig();
  });

  async function expectOneLineError(args: string[], ...fragments: string[]): Promise<void> {
    const result = await project.cli(...args);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    for (const fragment of fragments) expect(lines[0]).toContain(fragment);
    expect(result.stderr).not.toMatch(/^\s+at .*:\d+/m); // no stack trace without --verbose
  }

  test('a duplicate revision id names both files', async () => {
    project.writeRevision('aaaa00000001', null, noop, noop, 'one');
    project.writeRevision('aaaa00000001', null, noop, noop, 'two');
    await expectOneLineError(['upgrade', 'head'], 'aaaa00000001 is defined twice', 'aaaa00000001_one.ts', 'aaaa00000001_two.ts');
    expect(await tableNames(project.db)).toEqual([]);
  });

  test('a downRevision that names no file is named with its file', async () => {
    project.writeRevision('aaaa00000001', null, noop, noop, 'one');
    project.writeRevision('bbbb00000002', 'ffff00000009', noop, noop, 'two');
    await expectOneLineError(['history'], 'bbbb00000002_two.ts', 'downRevision ffff00000009 names no revision file');
  });

  test('a cycle lists the revisions and files', async () => {
    project.writeRevision('aaaa00000001', null, noop, noop, 'root');
    project.writeRevision('bbbb00000002', 'cccc00000003', noop, noop, 'b');
    project.writeRevision('cccc00000003', 'bbbb00000002', noop, noop, 'c');
    await expectOneLineError(['upgrade'], 'Revision cycle', 'bbbb00000002', 'cccc00000003', 'bbbb00000002_b.ts', 'cccc00000003_c.ts');
  });

  test('two bases are two independent branches, not an error (issue 12): heads lists both', async () => {
    project.writeRevision('aaaa00000001', null, noop, noop, 'one');
    project.writeRevision('bbbb00000002', null, noop, noop, 'two');
    const heads = await project.cli('heads');
    expect(heads).toEqual({ code: 0, stdout: 'aaaa00000001 (head)\nbbbb00000002 (head)\n', stderr: '' });
  });

  test('a branch label declared twice names both files', async () => {
    project.write('migrations/versions/aaaa00000001_one.ts', "export const revision = 'aaaa00000001';\nexport const downRevision = null;\nexport const branchLabels = ['plugin'];\nexport async function upgrade() {}\n");
    project.write('migrations/versions/bbbb00000002_two.ts', "export const revision = 'bbbb00000002';\nexport const downRevision = null;\nexport const branchLabels = ['plugin'];\nexport async function upgrade() {}\n");
    await expectOneLineError(['current'], "bbbb00000002_two.ts: branch label 'plugin' is also declared by aaaa00000001", 'aaaa00000001_one.ts');
  });

  test('a syntax error names the file and line', async () => {
    project.writeRevision('aaaa00000001', null, noop, noop, 'fine');
    project.write(
      'migrations/versions/bbbb00000002_broken.ts',
      "export const revision = 'bbbb00000002';\nexport const downRevision = 'aaaa00000001';\nexport async function upgrade() {\n  const x = ;\n}\n",
    );
    await expectOneLineError(['upgrade'], 'bbbb00000002_broken.ts:4');
  });

  test('a file that is not a revision names the missing export', async () => {
    project.write('migrations/versions/cccc_notes.ts', 'export const hello = 1;\n');
    await expectOneLineError(['upgrade'], 'cccc_notes.ts', 'export const revision');
  });

  test('a folder named like a revision file is named as a folder, not read (no raw EISDIR)', async () => {
    project.writeRevision('aaaa00000001', null, noop, noop, 'one');
    project.write('migrations/versions/x.ts/notes.txt', 'a folder, not a revision\n');
    for (const command of ['upgrade', 'history', 'heads']) {
      await expectOneLineError([command], `${join('migrations', 'versions', 'x.ts')}: a folder, not a revision file`);
    }
    expect(await tableNames(project.db)).toEqual([]);
  });

  test('a database at a revision no file has is refused; stamp gets out of it', async () => {
    project.writeRevision('aaaa00000001', null, noop, noop, 'one');
    expect((await project.cli('stamp', 'aaaa')).code).toBe(0);
    project.remove('migrations/versions/aaaa00000001_one.ts');
    project.writeRevision('bbbb00000002', null, noop, noop, 'other');
    await expectOneLineError(['upgrade'], 'at revision aaaa00000001', 'no file');
    // stamp is the way out: it does not need the recorded revision to exist.
    expect((await project.cli('stamp', 'bbbb')).code).toBe(0);
    expect((await project.cli('current')).stdout.trim()).toBe('bbbb00000002 (head)');
  });

  test('--verbose adds the stack trace', async () => {
    project.writeRevision('aaaa00000001', null, noop, noop, 'one');
    project.writeRevision('aaaa00000001', null, noop, noop, 'two');
    const result = await project.cli('upgrade', '--verbose');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^\s+at .*:\d+/m);
  });
});
