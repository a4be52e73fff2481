/**
 * Runtime: while a revision's query is on the server, the runner loads the next revision's module
 * (issue 13 §1: module loading is synchronous and would otherwise sit between two round trips).
 * Only revisions known from the revision index load late; what is pinned here is that this changes
 * nothing a user can see except the moment a module's top-level code runs: each module still runs
 * once, and a module that fails to load fails at its own turn, naming its file, after the
 * revisions before it committed. The built CLI in child processes (each a fresh module registry,
 * as in production). PostgreSQL and SQLite.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPostgresDatabase, createSqliteDatabase, versionRows } from './helpers/databases';
import { createTableOp, dropTableOp, projectPerTest, type TestProject } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';

beforeAll(() => ensureBuilt(), 120_000);

const IDS = ['aaaa00000001', 'bbbb00000002', 'cccc00000003'] as const;

/** Three revisions whose modules log `loaded <id>` when they execute; `upgradeOf` gives each one's body. */
function writeLoggedChain(project: TestProject, upgradeOf: (id: string, index: number) => string): string {
  const log = join(project.dir, 'events.txt');
  writeFileSync(log, '');
  IDS.forEach((id, index) => {
    const file = project.writeRevision(id, index === 0 ? null : IDS[index - 1]!, upgradeOf(id, index), dropTableOp(`t${index + 1}`), `step ${index + 1}`);
    appendFileSync(file, `require('node:fs').appendFileSync(${JSON.stringify(log)}, 'loaded ${id}\\n');\n`);
  });
  return log;
}

const events = (log: string) => readFileSync(log, 'utf8').split('\n').filter(Boolean);

describe.each([
  ['PostgreSQL', createPostgresDatabase],
  ['SQLite', createSqliteDatabase],
])('%s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'preload-next');

  test('each module still executes once, in order, and the run ends at head', async () => {
    project.writeConfig();
    const log = writeLoggedChain(project, (_id, index) => createTableOp(`t${index + 1}`));
    expect((await project.spawn('history')).code).toBe(0); // writes the revision index
    writeFileSync(log, '');
    const result = await project.spawn('upgrade', 'head');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(events(log)).toEqual(IDS.map((id) => `loaded ${id}`));
    expect(await versionRows(project.db)).toEqual([IDS[2]]);
  });

  test('a module that fails to load late fails at its own turn, naming its file; the revisions before it stay committed', async () => {
    project.writeConfig();
    const log = writeLoggedChain(project, (_id, index) => createTableOp(`t${index + 1}`));
    const third = join(project.dir, 'migrations/versions', project.revisionFiles().find((file) => file.startsWith(IDS[2]))!);
    // Same content as when the index learned it, so the module is loaded late, and throws then.
    appendFileSync(third, `if (process.env.EM_TEST_FAIL_LOAD === '1') throw new Error('the third module refuses to load');\n`);
    expect((await project.spawn('history')).code).toBe(0);
    const result = await project.start(['upgrade', 'head'], { EM_TEST_FAIL_LOAD: '1' }).done;
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${IDS[2]}_step_3.ts`);
    expect(lines[0]).toContain('the third module refuses to load');
    expect(await versionRows(project.db)).toEqual([IDS[1]]);
    expect(events(log).slice(0, 2)).toEqual(['loaded aaaa00000001', 'loaded bbbb00000002']);
  });
});

describe('PostgreSQL: the next module loads while a query is on the server', () => {
  const project = projectPerTest(createPostgresDatabase, 'preload-next-timing');

  test('revision 2 loads during revision 1’s half-second query, not after it', async () => {
    project.writeConfig();
    const log = writeLoggedChain(project, (id, index) =>
      index === 0
        ? [
            `require('node:fs').appendFileSync(${JSON.stringify(join(project.dir, 'events.txt'))}, 'start ${id}\\n');`,
            `  await op.execute('SELECT pg_sleep(0.5)');`,
            `  require('node:fs').appendFileSync(${JSON.stringify(join(project.dir, 'events.txt'))}, 'end ${id}\\n');`,
            `  ${createTableOp('t1')}`,
          ].join('\n')
        : createTableOp(`t${index + 1}`),
    );
    expect((await project.spawn('history')).code).toBe(0);
    writeFileSync(log, '');
    const result = await project.spawn('upgrade', 'head');
    expect(result.code).toBe(0);
    expect(events(log).slice(0, 4)).toEqual([`loaded ${IDS[0]}`, `start ${IDS[0]}`, `loaded ${IDS[1]}`, `end ${IDS[0]}`]);
  });
});
