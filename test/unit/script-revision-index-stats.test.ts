/**
 * The revision index knows each file by its stat (size, modification and change times, inode) as
 * well as by its content: a file unchanged since it was indexed is not even read again, which is
 * what lets an app at head start without reading 500 files. Any write to a file changes its change
 * time, so an edit that keeps the size and puts the modification time back is still read, and a
 * file indexed while it may still be changing (changed under 2 s before) is read every time until
 * it settles. No database: files in a temporary folder, the index in a temporary cache folder.
 */
import type * as FileSystem from 'node:fs';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetTranspileCacheDir } from '../../src/load/transpile';
import { loadRevisions } from '../../src/script/load-revisions';

// The module object src/ reads files through (a namespace import would be a copy).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs = require('node:fs') as typeof FileSystem;

let dir: string;
let versions: string;
const savedCacheDir = process.env.ENTITY_MIGRATE_CACHE_DIR;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'em-index-stats-'));
  versions = join(dir, 'versions');
  process.env.ENTITY_MIGRATE_CACHE_DIR = join(dir, 'cache');
  resetTranspileCacheDir();
});
afterEach(() => {
  jest.restoreAllMocks();
  if (savedCacheDir === undefined) delete process.env.ENTITY_MIGRATE_CACHE_DIR;
  else process.env.ENTITY_MIGRATE_CACHE_DIR = savedCacheDir;
  resetTranspileCacheDir();
  rmSync(dir, { recursive: true, force: true });
});

/** A revision file whose message is `message` (same length, same file size). */
function writeRevisionFile(name: string, id: string, down: string | null, message: string): string {
  const file = join(versions, name);
  fs.mkdirSync(versions, { recursive: true });
  writeFileSync(file, `export const revision = '${id}';\nexport const downRevision = ${JSON.stringify(down)};\nexport const message = '${message}';\nexport async function upgrade() {}\n`);
  return file;
}

/** Which of `files` loading the folder reads. */
function filesRead(files: string[]): string[] {
  const reads = jest.spyOn(fs, 'readFileSync');
  try {
    loadRevisions(versions, dir);
    return reads.mock.calls.map(([path]) => String(path)).filter((path) => files.includes(path));
  } finally {
    reads.mockRestore();
  }
}

/** Run `fn` with the clock `ms` ahead: files written now look settled. */
function later<T>(ms: number, fn: () => T): T {
  const now = Date.now() + ms;
  const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
  try {
    return fn();
  } finally {
    clock.mockRestore();
  }
}

test('a settled file is read once, then known by its stat', () => {
  const files = [writeRevisionFile('a.ts', 'aaaa00000001', null, 'first'), writeRevisionFile('b.ts', 'bbbb00000002', 'aaaa00000001', 'second')];
  expect(later(10_000, () => filesRead(files))).toEqual(files);
  expect(later(10_000, () => filesRead(files))).toEqual([]);
  expect(later(10_000, () => loadRevisions(versions, dir).map((r) => r.message))).toEqual(['first', 'second']);
});

test('an edit that keeps the size and the modification time is read again', () => {
  const file = writeRevisionFile('a.ts', 'aaaa00000001', null, 'first');
  later(10_000, () => loadRevisions(versions, dir));
  const { atime, mtime } = statSync(file);
  writeRevisionFile('a.ts', 'aaaa00000001', null, 'FIRST');
  utimesSync(file, atime, mtime);
  expect(later(10_000, () => filesRead([file]))).toEqual([file]);
});

test('a file that may still be changing is read every time, until it settles', () => {
  const file = writeRevisionFile('a.ts', 'aaaa00000001', null, 'first');
  expect(filesRead([file])).toEqual([file]);
  expect(filesRead([file])).toEqual([file]);
  expect(later(10_000, () => filesRead([file]))).toEqual([file]);
  expect(later(10_000, () => filesRead([file]))).toEqual([]);
});
