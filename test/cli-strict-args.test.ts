/**
 * CLI: mistyped flags, commands and extra arguments are refused before anything runs: exit 1, one
 * `error:` line with the near miss when there is one, and the database and the project folder
 * exactly as they were. (yargs checked strictness around the command's async handler, so
 * `downgrade base --sq` dropped every table and only then said "Unknown argument: sq".)
 * In-process and built CLI; needs PostgreSQL and SQLite.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DIALECTS, tableNames, versionRows, withConnection } from './helpers/databases';
import { createTableOp as createTable, dropTableOp as dropTable, projectPerSuite, type CliResult } from './helpers/project';
import { ensureBuilt, ROOT, runCli } from './helpers/spawn-cli';
import { widgetEntitySource } from './helpers/widget-entity';

beforeAll(() => ensureBuilt(), 120_000);

/**
 * Each of these would change something if it ran (drop tables, move the version table, write a
 * file), and each has one mistake. The fragment is what the error line must say.
 */
const TYPOS: [args: string[], fragment: string][] = [
  [['downgrade', 'base', '--sq'], 'unknown option --sq for downgrade (did you mean --sql?)'],
  [['downgrade', '-1', '--force'], 'unknown option --force for downgrade'],
  [['upgrade', 'head', '--dry-run'], 'unknown option --dry-run for upgrade'],
  [['upgrade', 'head', '--sqll'], 'did you mean --sql?'],
  [['upgrade', 'head', 'extra'], "unexpected argument 'extra' (usage: entity-migrate upgrade [revision])"],
  [['upgrad', 'head'], "unknown command 'upgrad' (did you mean upgrade?)"],
  [['migrate'], "unknown command 'migrate' (did you mean upgrade?)"],
  [['stamp', 'head', '--purg'], 'unknown option --purg for stamp (did you mean --purge?)'],
  [['stamp', 'base', 'extra'], "unexpected argument 'extra'"],
  [['revision', '-m', 'x', '--autogenrate'], 'unknown option --autogenrate for revision (did you mean --autogenerate?)'],
  [['revision', '-m', 'x', '--autogenerate', '--allow-drops'], 'did you mean --allow-drop?'],
  [['revision', '-m', 'x', 'extra'], "unexpected argument 'extra'"],
  // yargs first reports the missing -m; the typo that caused it is what the line names.
  [['revision', '--mesage', 'x'], 'unknown option --mesage for revision (did you mean --message?)'],
  [['merge', 'heads', '-m', 'x', '--revid', 'abc'], 'did you mean --rev-id?'],
  [['current', 'foo'], "unexpected argument 'foo' (usage: entity-migrate current)"],
  [['current', '--verbos'], 'did you mean --verbose?'],
  [['history', '--rev-rnage', 'a:b'], 'did you mean --rev-range?'],
  [['heads', 'extra'], "unexpected argument 'extra'"],
  [['show', 'aaaa', 'bbbb'], "unexpected argument 'bbbb'"],
  [['check', '--stict'], 'did you mean --strict?'],
  [['verify', '--fast'], 'unknown option --fast for verify'],
  [['init', 'sub', '--jsn'], 'did you mean --json?'],
  [['stamp'], 'missing argument (usage: entity-migrate stamp <rev>)'],
  [['upgrade', 'head', '--tagg', 'v1'], 'unknown option --tagg for upgrade (did you mean --tag?)'],
  [['downgrade', 'base', '-x', 'novalue'], '-x novalue: expected key=value'],
  [['history', '--indicate-curent'], 'did you mean --indicate-current?'],
  [['edit'], 'missing argument (usage: entity-migrate edit <rev>)'],
  [['ensure-version', '--sq'], 'did you mean --sql?'],
];

function expectOneLine(result: CliResult, fragment: string): void {
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^error: [^\n]*\n$/);
  expect(result.stderr).toContain(fragment);
  expect(result.code).toBe(1);
}

describe.each(Object.entries(DIALECTS))('typos on %s', (_name, createDatabase) => {
  const project = projectPerSuite(createDatabase, 'typos');

  /** Every file under the project folder with its content, and what the database holds. */
  async function state(): Promise<unknown> {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    const files = walk(project.dir).map((f) => [relative(project.dir, f), readFileSync(f, 'utf8')]);
    const [history] = await withConnection(project.db, (ds) => ds.query('SELECT COUNT(*) AS n FROM entity_migrate_history'));
    return { files, tables: await tableNames(project.db), versions: await versionRows(project.db), history: Number(history.n) };
  }

  beforeAll(async () => {
    project.writeConfig({ entities: ['entities/*.ts'] });
    project.write('entities/gadget.ts', widgetEntitySource('gadget'));
    project.writeRevision('aaaa00000001', null, createTable('alpha'), dropTable('alpha'), 'alpha');
    project.writeRevision('bbbb00000002', 'aaaa00000001', createTable('beta'), dropTable('beta'), 'beta');
    project.writeRevision('cccc00000003', 'bbbb00000002', createTable('gamma'), dropTable('gamma'), 'gamma');
    // Half way: a typo could upgrade, downgrade or stamp from here.
    expect((await project.cli('upgrade', 'bbbb')).code).toBe(0);
  });

  test('each typo is one line with the near miss, and nothing is touched', async () => {
    const before = await state();
    for (const [args, fragment] of TYPOS) {
      const result = await project.cli(...args);
      try {
        expectOneLine(result, fragment);
      } catch (error) {
        throw new Error(`entity-migrate ${args.join(' ')}: ${(error as Error).message}`);
      }
    }
    expect(await state()).toEqual(before);
    expect(await versionRows(project.db)).toEqual(['bbbb00000002']);
  });

  test('the built CLI refuses before connecting: downgrade base --sq keeps every table', async () => {
    const before = await state();
    expectOneLine(await project.spawn('downgrade', 'base', '--sq'), 'did you mean --sql?');
    expectOneLine(await project.spawn('upgrade', 'head', '--dry-run'), 'unknown option --dry-run');
    expectOneLine(await project.spawn('revision', '-m', 'x', '--autogenrate'), 'did you mean --autogenerate?');
    expect(await state()).toEqual(before);
  });
});

describe('a mistyped command', () => {
  // Found trying the CLI on a NestJS boilerplate: `upgrad head` also said "unknown command 'head'
  // (did you mean heads?)", as if the target were a second command.
  test('is the only thing named: the words after it are its arguments, not more commands', async () => {
    const result = await runCli(['upgrad', 'head'], { cwd: ROOT });
    expect(result.stderr).toBe("error: unknown command 'upgrad' (did you mean upgrade?)\n");
    expect(result.code).toBe(1);
    const withFlag = await runCli(['downgrde', 'base', '--sq'], { cwd: ROOT });
    expect(withFlag.stderr).toMatch(/^error: unknown command 'downgrde' \(did you mean downgrade\?\)[^\n]*\n$/);
    expect(withFlag.stderr).not.toContain("'base'");
  });
});

describe('--version and --help', () => {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  test('--version prints the package version, alone or after a command, and runs nothing', async () => {
    for (const args of [['--version'], ['upgrade', '--version']]) {
      const result = await runCli(args, { cwd: ROOT });
      expect(result).toEqual({ code: 0, signal: null, stdout: `${version}\n`, stderr: '' });
    }
  });

  test('--help of the top level and of revision documents --version and --allow-drop', async () => {
    const top = await runCli(['--help'], { cwd: ROOT });
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/--version\s+Print the version and exit/);
    const revision = await runCli(['revision', '--help'], { cwd: ROOT });
    expect(revision.code).toBe(0);
    expect(revision.stdout).toMatch(/--allow-drop\s+With --autogenerate: drop tables no entity describes/);
    expect(revision.stdout).toContain('--version');
  });
});
