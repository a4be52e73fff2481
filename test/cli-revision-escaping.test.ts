/**
 * Text a user gives (`-m`, `--table`, a TypeORM migration's name and path) is rendered into the
 * revision file as data: the file loads, reads back exactly what was given, and a value crafted to
 * end a string or a comment stays inside it. Once a `-m` with a carriage return wrote a file that
 * no command could load, and `--table "it's"` a seed that did not parse. In-process CLI on SQLite;
 * the files are loaded as every command loads them, and their functions called with an `op` that
 * records its calls.
 */
import { join } from 'node:path';
import { loadModule } from '../src/load/load-module';
import { loadRevision } from '../src/script/load-revisions';
import { typeormMigrationRevision } from '../src/script/typeorm-migration-revision';
import { writeRevision } from '../src/script/write-revision';
import { createSqliteDatabase } from './helpers/databases';
import { projectPerTest } from './helpers/project';

/** Characters that end a line, a string or a comment, or start an interpolation. */
const AWKWARD = ['a\rb', 'a\nb', 'a\r\nb', 'a\u2028b', 'a\u2029b', "it's", 'say "hi"', 'back`tick', 'x ${y} z', 'c:\\dir\\', 'end */ of comment', 'tab\there', 'nul\u0000here'];

declare global {
  // Set by an injected payload, which must never run.
  var emInjected: number | undefined;
}

/** A test title that shows every awkward character. */
const shown = (text: string) => JSON.stringify(text).replace(/[\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`);

/** Call a revision's upgrade and downgrade with an `op` that records each call's name and arguments. */
async function recordedCalls(file: string, cwd: string): Promise<unknown[][]> {
  const calls: unknown[][] = [];
  const op = new Proxy({}, { get: (_t, name) => async (...args: unknown[]) => void calls.push([name, ...args]) });
  const revision = loadRevision(file, cwd);
  await revision.upgrade({ op } as never);
  await revision.downgrade?.({ op } as never);
  return calls;
}

describe('user text rendered into a revision file', () => {
  const project = projectPerTest(createSqliteDatabase, 'escaping');
  beforeEach(() => {
    project.writeConfig();
    globalThis.emInjected = undefined;
  });

  test.each(AWKWARD.map((m) => [shown(m), m]))('-m %s: the file loads and keeps the message', async (_shown, message) => {
    const made = await project.cli('revision', '-m', message, '--rev-id', 'aaaa00000001');
    expect(made.stderr).toBe('');
    const file = join(project.dir, made.stdout.trim());
    expect(loadRevision(file, project.dir).message).toBe(message);
    // Printed, the message is one line that moves no cursor: control characters show as spaces.
    const history = await project.cli('history');
    expect(history.code).toBe(0);
    expect(history.stdout.trim().split('\n')).toHaveLength(1);
    expect(history.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u2028\u2029]/);
    // The seed template renders the message too.
    const seed = await project.cli('revision', '-m', message, '--rev-id', 'bbbb00000002', '--template', 'seed');
    expect(loadRevision(join(project.dir, seed.stdout.trim()), project.dir).message).toBe(message);
    expect((await project.cli('upgrade', '--sql')).code).toBe(0);
  });

  test.each(AWKWARD.map((t) => [shown(t), t]))('--template seed --table %s: the seed names that table', async (_shown, table) => {
    const made = await project.cli('revision', '-m', 'seed', '--template', 'seed', '--table', table);
    expect(made.stderr).toBe('');
    expect(await recordedCalls(join(project.dir, made.stdout.trim()), project.dir)).toEqual([
      ['bulkInsert', table, []],
      ['bulkDelete', table, []],
    ]);
    expect((await project.cli('history')).code).toBe(0);
  });

  test('a --table crafted to inject code is only data', async () => {
    const payloads = [
      "x', rows); globalThis.emInjected = 1; await op.execute('DROP TABLE sentinel",
      'x\'); globalThis.emInjected = 2; (\'',
      "x`; globalThis.emInjected = 3; `",
      'x */ globalThis.emInjected = 4; /*',
      'x\nglobalThis.emInjected = 5;\n',
      'x\u2028globalThis.emInjected = 6;//',
    ];
    for (const [i, table] of payloads.entries()) {
      const made = await project.cli('revision', '-m', `seed ${i}`, '--template', 'seed', '--table', table);
      expect(made.stderr).toBe('');
      expect(await recordedCalls(join(project.dir, made.stdout.trim()), project.dir)).toEqual([
        ['bulkInsert', table, []],
        ['bulkDelete', table, []],
      ]);
    }
    expect(globalThis.emInjected).toBeUndefined();
  });

  test("an imported TypeORM migration whose name and folder hold quotes, comment ends and line breaks", async () => {
    const name = "Init */ globalThis.emInjected = 7; /* it's\u2028done";
    const classFile = project.write("src/it's migrations/1700000000000-Init.ts", 'export class Init { async up() {} async down() {} }\n');
    const spec = typeormMigrationRevision(project.versionsDir, { name, className: 'Init', file: classFile, exportName: 'Init', outsideTransaction: false });
    const file = writeRevision(project.versionsDir, join(project.dir, 'migrations'), { ...spec, downRevisions: [], revId: 'cccc00000003' });
    const revision = loadRevision(file, project.dir);
    expect(revision.message).toBe(name);
    await revision.upgrade({ queryRunner: {}, offline: false } as never);
    expect(globalThis.emInjected).toBeUndefined();
  });

  test.each([['ts'], ['json']])('init writes paths with quotes and backslashes into a %s config as data', async (format) => {
    const dataSource = "./it's \"my\" ${data}\\source.ts";
    const migrationsDir = "db\\mig'rations";
    const result = await project.cli('init', 'app', '--data-source', dataSource, '--migrations-dir', migrationsDir, ...(format === 'json' ? ['--json'] : []));
    expect(result.stderr).toBe('');
    const file = join(project.dir, 'app', `entity-migrate.config.${format}`);
    const config = format === 'json' ? JSON.parse(project.read(`app/entity-migrate.config.json`)) : (loadModule(file) as { default: unknown }).default;
    expect(config).toMatchObject({ dataSource, migrationsDir });
  });
});
