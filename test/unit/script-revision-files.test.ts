/**
 * Revision files, without a database or a CLI process: what `revision -m` writes (named after its
 * id and message, with the parents and the message as literals) reads back as the revision it
 * describes, and the graph built from the files puts it in place; files that are not revisions are
 * skipped or refused with the file named; the checksum covers the code that runs. No database:
 * files in a temporary folder, loaded through jest's module system.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { listRevisionFiles, loadRevision } from '../../src/script/load-revisions';
import { RevisionGraph } from '../../src/script/revision-graph';
import { newRevisionId, slugify, writeRevision } from '../../src/script/write-revision';
import { writeFile } from '../helpers/files';

let dir: string;
let versions: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'em-revision-files-'));
  versions = join(dir, 'migrations', 'versions');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (message: string, downRevisions: string[], revId?: string) =>
  writeRevision(versions, join(dir, 'migrations'), { message, downRevisions, revId });

/** A hand-written revision file with `body` between the header and the functions. */
const handWritten = (name: string, header: string, body = 'export async function upgrade() {}\n') => writeFile(versions, name, `${header}\n${body}`);

describe('a new revision file', () => {
  test('is named after its id and the message, made file-safe', () => {
    expect(slugify('Add age to User!')).toBe('add_age_to_user');
    expect(slugify('  --  ')).toBe('revision');
    expect(slugify('a'.repeat(60))).toBe('a'.repeat(40));
    expect(newRevisionId()).toMatch(/^[0-9a-f]{12}$/);
    expect(newRevisionId()).not.toBe(newRevisionId());
    expect(basename(write('Add age to User!', [], 'aaaa00000001'))).toBe('aaaa00000001_add_age_to_user.ts');
  });

  test('reads back as the revision it describes: id, parent, message, both functions', () => {
    const first = loadRevision(write('create users', [], 'aaaa00000001'), dir);
    const second = loadRevision(write("it's the second", ['aaaa00000001'], 'bbbb00000002'), dir);
    expect(first).toMatchObject({ id: 'aaaa00000001', downRevisions: [], message: 'create users' });
    expect(second).toMatchObject({ id: 'bbbb00000002', downRevisions: ['aaaa00000001'], message: "it's the second" });
    expect(typeof second.upgrade).toBe('function');
    expect(typeof second.downgrade).toBe('function');
    expect(second.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  test('a merge names both parents, and the graph built from the files has one head again', () => {
    write('root', [], 'aaaa00000001');
    write('left', ['aaaa00000001'], 'bbbb00000002');
    write('right', ['aaaa00000001'], 'cccc00000003');
    const merge = write('merge heads', ['bbbb00000002', 'cccc00000003'], 'dddd00000004');
    expect(readFileSync(merge, 'utf8')).toContain("export const downRevision: string[] = ['bbbb00000002', 'cccc00000003'];");
    const graph = RevisionGraph.build(listRevisionFiles(versions).map((file) => loadRevision(file, dir)), dir);
    expect(graph.heads().map((r) => r.id)).toEqual(['dddd00000004']);
    expect(graph.get('dddd00000004').downRevisions).toEqual(['bbbb00000002', 'cccc00000003']);
  });

  test('a --rev-id with other characters is refused, and an existing file is never overwritten', () => {
    expect(() => write('x', [], 'aaaa/0001')).toThrow(expect.objectContaining({ code: 'REVISION_INVALID', message: '--rev-id aaaa/0001: use letters, digits, "-" or "_"' }));
    write('same', [], 'aaaa00000001');
    expect(() => write('same', [], 'aaaa00000001')).toThrow(expect.objectContaining({ code: 'FILE_EXISTS' }));
  });
});

describe('reading a versions folder', () => {
  test('only revision files count, in name order; a missing folder holds none', () => {
    expect(listRevisionFiles(versions)).toEqual([]);
    for (const name of ['b_two.ts', 'a_one.js', 'c_three.mts', 'types.d.ts', '_helpers.ts', '.draft.ts', 'notes.md', 'x.js.map']) writeFile(versions, name, '');
    expect(listRevisionFiles(versions).map((file) => basename(file))).toEqual(['a_one.js', 'b_two.ts', 'c_three.mts']);
  });

  test.each([
    ['no revision export', 'a.ts', "export const hello = 'x';", 'versions/a.ts: `export const revision` must be a string of letters, digits, "-" or "_"'],
    [
      'a downRevision of the wrong type',
      'b.ts',
      "export const revision = 'a1';\nexport const downRevision = 42;",
      'versions/b.ts: `export const downRevision` must be null, a revision id, or an array of ids',
    ],
    ['no upgrade', 'c.ts', "export const revision = 'a1';\nexport const downRevision = null;", 'versions/c.ts: `export async function upgrade` is missing'],
  ])('a file with %s is refused, naming the file', (_, name, header, message) => {
    const file = handWritten(name, header, '');
    expect(() => loadRevision(file, join(dir, 'migrations'))).toThrow(expect.objectContaining({ code: 'REVISION_INVALID', message }));
  });

  test('the checksum covers the code that runs: a new message keeps it, an edited upgrade changes it', () => {
    const header = (message: string) => `export const revision = 'a1';\nexport const downRevision = null;\nexport const message = '${message}';`;
    const upgrade = (sql: string) => `export async function upgrade({ op }: any) {\n  await op.execute('${sql}');\n}\n`;
    // jest caches modules by path: each version is a new file.
    const original = loadRevision(handWritten('a1_v1.ts', header('first'), upgrade('SELECT 1')), dir);
    const renamed = loadRevision(handWritten('a1_v2.ts', header('renamed'), upgrade('SELECT 1')), dir);
    const edited = loadRevision(handWritten('a1_v3.ts', header('first'), upgrade('SELECT 2')), dir);
    expect(original.checksum).toMatch(/^[0-9a-f]{16}$/);
    expect(renamed.checksum).toBe(original.checksum);
    expect(edited.checksum).not.toBe(original.checksum);
  });
});
