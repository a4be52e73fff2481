/**
 * Revision files: listing commands read revision headers from an index keyed by file content instead of executing
 * every revision module; upgrade executes only what it runs; a changed or broken file is loaded
 * (and reported) as before. Runs the built CLI: each call is a fresh process, as for a user.
 * Needs SQLite.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteDatabase } from './helpers/databases';
import { projectPerTest } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';

const project = projectPerTest(createSqliteDatabase, 'revision-index');
let cacheDir: string;
let marker: string;

/** A revision that appends its id to the marker file whenever its module is executed. */
function countedRevision(id: string, down: string | null): void {
  project.write(
    `migrations/versions/${id}_counted.ts`,
    [
      `require('fs').appendFileSync(${JSON.stringify(marker)}, '${id}\\n');`,
      `export const revision = '${id}';`,
      `export const downRevision = ${JSON.stringify(down)};`,
      `export const message = 'counted ${id}';`,
      `export async function upgrade({ op }: any) { await op.execute('SELECT 1'); }`,
      `export async function downgrade() {}`,
      '',
    ].join('\n'),
  );
}

const loads = () => readFileSync(marker, 'utf8').split('\n').filter(Boolean);
const cli = (...args: string[]) => project.start(args, { ENTITY_MIGRATE_CACHE_DIR: cacheDir }).done;

beforeAll(() => ensureBuilt());
beforeEach(() => {
  project.writeConfig();
  cacheDir = mkdtempSync(join(tmpdir(), 'em-index-'));
  marker = join(cacheDir, 'loads.txt');
  writeFileSync(marker, '');
});
afterEach(() => {
  rmSync(cacheDir, { recursive: true, force: true });
});

test('listing commands execute each revision module once, then read the index', async () => {
  countedRevision('aaaa00000001', null);
  countedRevision('bbbb00000002', 'aaaa00000001');
  expect((await cli('history')).code).toBe(0);
  expect(loads()).toEqual(['aaaa00000001', 'bbbb00000002']);
  const history = await cli('history');
  expect(history.stdout).toContain('counted bbbb00000002');
  expect((await cli('heads')).stdout.trim()).toBe('bbbb00000002 (head)');
  expect(loads()).toHaveLength(2);

  // upgrade runs both, so both modules execute now.
  expect((await cli('upgrade', 'head')).code).toBe(0);
  expect(loads()).toHaveLength(4);
  expect((await cli('current')).stdout.trim()).toBe('bbbb00000002 (head)');
  expect(loads()).toHaveLength(4);
});

test('a changed file is loaded again; a broken one is reported with its line', async () => {
  countedRevision('aaaa00000001', null);
  await cli('history');
  project.write('migrations/versions/aaaa00000001_counted.ts', project.read('migrations/versions/aaaa00000001_counted.ts').replace("message = 'counted", "message = 'recounted"));
  const history = await cli('history');
  expect(history.stdout).toContain('recounted aaaa00000001');
  expect(loads()).toHaveLength(2);
  project.write('migrations/versions/bbbb00000002_broken.ts', "export const revision = 'bbbb00000002';\nexport const downRevision = 'aaaa00000001';\nconst = ;\n");
  const broken = await cli('history');
  expect(broken.code).toBe(1);
  expect(broken.stderr).toContain('bbbb00000002_broken.ts:3');
});
