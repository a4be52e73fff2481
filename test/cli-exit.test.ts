/**
 * CLI: the built CLI exits once its work is done, whatever user modules leave running (a metrics
 * `setInterval`, a server socket opened at import time), and without losing output: a reader that
 * takes everything gets everything, one that stops early (`history | head -1`) does not crash it.
 *
 * The machine may be loaded: waits are generous and nothing asserts a duration. SQLite only.
 */
import { spawn } from 'node:child_process';
import { createSqliteDatabase } from './helpers/databases';
import { projectPerSuite, projectPerTest, type CliResult, type TestProject } from './helpers/project';
import { BIN, ensureBuilt } from './helpers/spawn-cli';
import { widgetEntitySource } from './helpers/widget-entity';

beforeAll(() => ensureBuilt(), 120_000);

const EXIT_DEADLINE_MS = 60_000;

/** Waits for the process to exit; kills it and fails when it is still running at the deadline. */
async function exited(args: string[], project: TestProject): Promise<CliResult> {
  const running = project.start(args);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), EXIT_DEADLINE_MS)));
  const result = await Promise.race([running.done, deadline]);
  clearTimeout(timer);
  if (result === 'hung') {
    running.child.kill('SIGKILL');
    await running.done;
    throw new Error(`entity-migrate ${args.join(' ')} did not exit within ${EXIT_DEADLINE_MS / 1000} s; stdout: ${running.stdout}; stderr: ${running.stderr}`);
  }
  return result;
}

/** An entity module that, like many real ones, starts things at import time and never stops them. */
const busyEntity = widgetEntitySource(
  'widget',
  `import { createServer } from 'node:net';

setInterval(() => undefined, 1000);
createServer().listen(0, '127.0.0.1');
`,
);

describe('user modules that keep the event loop busy', () => {
  const project = projectPerTest(createSqliteDatabase, 'busy-entity');
  beforeEach(() => {
    project.write('entities/widget.ts', busyEntity);
  });

  test('check and revision --autogenerate (entities loaded) exit with their code', async () => {
    project.writeConfig({ entities: ['entities/*.ts'] });
    const check = await exited(['check'], project);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(2);
    expect(check.stdout).toContain('widget');
    const revision = await exited(['revision', '--autogenerate', '-m', 'widgets'], project);
    expect(revision.code).toBe(0);
    expect(project.revisionFiles()).toHaveLength(1);
    expect((await exited(['upgrade', 'head'], project)).code).toBe(0);
  });

  test('current exits when the data-source module imports such an entity', async () => {
    // The spawned CLI runs the repo's own TypeORM 1.x (also in the 0.3 CI step), hence better-sqlite3.
    project.write(
      'data-source.ts',
      `import { DataSource } from 'typeorm';
import { Widget } from './entities/widget';
export default new DataSource({ type: 'better-sqlite3', database: process.env.TEST_DATABASE_URL!.slice('sqlite:'.length), entities: [Widget] });
`,
    );
    project.write('entity-migrate.config.json', JSON.stringify({ dataSource: './data-source.ts' }));
    const current = await exited(['current'], project);
    expect(current.code).toBe(0);
    expect(current.stderr).toContain('at base');
    const failing = await exited(['upgrade', 'nope'], project);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain("No revision matches 'nope'");
  });
});

describe('output larger than a pipe buffer', () => {
  const project = projectPerSuite(createSqliteDatabase, 'large-output');
  const COUNT = 300;
  beforeAll(() => {
    project.writeConfig();
    const message = 'a revision with a long message '.repeat(8);
    for (let i = 1; i <= COUNT; i++) {
      const id = `f${String(i).padStart(11, '0')}`;
      const down = i === 1 ? null : `f${String(i - 1).padStart(11, '0')}`;
      project.write(
        `migrations/versions/${id}_r.ts`,
        `export const revision = '${id}';\nexport const downRevision = ${JSON.stringify(down)};\n` +
          `export const message = '${message}${i}';\nexport async function upgrade() {}\nexport async function downgrade() {}\n`,
      );
    }
  });

  test('a reader that takes everything gets every byte', async () => {
    const result = await exited(['history', '--json'], project);
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(128 * 1024); // more than a pipe buffer holds
    expect(JSON.parse(result.stdout)).toHaveLength(COUNT);
  });

  test('a reader that stops after the first chunk (history | head -1): exit 0, no EPIPE crash', async () => {
    const child = spawn(process.execPath, [BIN, 'history', '-v'], {
      cwd: project.dir,
      env: { ...process.env, NO_COLOR: '1', CI: '1', TEST_DATABASE_URL: project.db.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
