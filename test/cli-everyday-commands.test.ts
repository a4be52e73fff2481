/**
 * CLI, the everyday commands Alembic users reach for (issue 12 §3): show current|head|base, history
 * ranges counted from the current revision and --indicate-current, edit, list-templates and
 * init --template, ensure-version. The built CLI in child processes; needs PostgreSQL and SQLite.
 */
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIALECTS, tableNames, versionRows } from './helpers/databases';
import { createTableOp, dropTableOp, projectPerTest, type CliResult, type TestProject } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';

beforeAll(() => ensureBuilt(), 120_000);

const IDS = ['aaaa00000001', 'bbbb00000002', 'cccc00000003', 'dddd00000004', 'eeee00000005'];

/** A chain of five revisions, each creating a table t1…t5. */
function writeChain(project: TestProject): void {
  IDS.forEach((id, i) => project.writeRevision(id, i === 0 ? null : IDS[i - 1]!, createTableOp(`t${i + 1}`), dropTableOp(`t${i + 1}`), `step ${i + 1}`));
}

/** The revision ids `history` printed, newest first. */
function listed(result: CliResult): string[] {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => /-> (\w+)/.exec(line)![1]!);
}

function expectOneErrorLine(result: CliResult, ...fragments: string[]): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^error: [^\n]*\n$/);
  for (const fragment of fragments) expect(result.stderr).toContain(fragment);
}

describe.each(Object.entries(DIALECTS))('everyday commands on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'everyday');
  beforeEach(() => {
    project.writeConfig();
    writeChain(project);
  });

  test('show current|head|base, and history -r -N: / current: / :REV / -N:+N, --indicate-current', async () => {
    expect((await project.spawn('upgrade', 'cccc')).code).toBe(0);

    const current = await project.spawn('show', 'current');
    expect(current.code).toBe(0);
    expect(current.stdout).toContain('Rev: cccc00000003 (current)');
    expect(current.stdout).toContain('Parent: bbbb00000002');
    expect((await project.spawn('show', 'head')).stdout).toContain('Rev: eeee00000005 (head)');
    expect((await project.spawn('show', 'base')).stdout).toContain('Rev: aaaa00000001\nParent: <base>');

    // Counted from the current revision (cccc), both ends included.
    expect(listed(await project.spawn('history', '-r', '-1:'))).toEqual(['eeee00000005', 'dddd00000004', 'cccc00000003', 'bbbb00000002']);
    expect(listed(await project.spawn('history', '-r', 'current:'))).toEqual(['eeee00000005', 'dddd00000004', 'cccc00000003']);
    expect(listed(await project.spawn('history', '-r', ':bbbb'))).toEqual(['bbbb00000002', 'aaaa00000001']);
    expect(listed(await project.spawn('history', '--rev-range', '-2:+1'))).toEqual(['dddd00000004', 'cccc00000003', 'bbbb00000002', 'aaaa00000001']);
    const marked = await project.spawn('history', '--indicate-current', '-r', '-1:current');
    expect(marked.stdout).toBe('bbbb00000002 -> cccc00000003 (current), step 3\naaaa00000001 -> bbbb00000002, step 2\n');

    expectOneErrorLine(await project.spawn('history', '-r', '-5:'), 'goes past base');
    expectOneErrorLine(await project.spawn('history', '-r', '-1'), "History range '-1' must look like A:B");
  });

  test('show current and history -r current: at base say so in one line', async () => {
    expectOneErrorLine(await project.spawn('show', 'current'), 'The database is at base');
    expectOneErrorLine(await project.spawn('history', '-r', 'current:'), 'the database is at base');
  });

  test('edit REV opens the file in $VISUAL or $EDITOR; without one it says how to set it', async () => {
    const editor = project.write('fake-editor.sh', '#!/bin/sh\nfor file; do :; done\necho "// edited by $0" >> "$file"\n');
    chmodSync(editor, 0o755);
    const edited = await project.start(['edit', 'dddd'], { EDITOR: editor, VISUAL: '' }).done;
    expect(edited.stderr).toBe('');
    expect(edited.code).toBe(0);
    expect(project.read('migrations/versions/dddd00000004_step_4.ts')).toContain('// edited by');
    // VISUAL wins over EDITOR; an editor with arguments works through the shell.
    const visual = await project.start(['edit', 'head'], { EDITOR: 'false', VISUAL: `${editor} --flag` }).done;
    expect(visual.code).toBe(0);
    expect(project.read('migrations/versions/eeee00000005_step_5.ts')).toContain('// edited by');

    expectOneErrorLine(await project.start(['edit', 'head'], { EDITOR: '', VISUAL: '' }).done, 'no editor: set EDITOR', 'eeee00000005_step_5.ts');
    expectOneErrorLine(await project.start(['edit', 'aaaa'], { EDITOR: 'false', VISUAL: '' }).done, "editor 'false' exited with code 1", 'aaaa00000001_step_1.ts');
    expectOneErrorLine(await project.start(['edit', 'ffff'], { EDITOR: editor }).done, "No revision matches 'ffff'");
  });

  test("list-templates lists the package's and the project's templates; init --template NAME writes that scaffold", async () => {
    project.write('migrations/templates/audit.ts.hbs', "{{!-- Audit columns for a table --~}}\nexport const revision = '{{revision}}';\n");
    const list = await project.spawn('list-templates');
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/init --template NAME\):\n {2}json +entity-migrate\.config\.json: .*\n {2}ts +entity-migrate\.config\.ts: /);
    expect(list.stdout).toMatch(/revision --template NAME\):\n {2}audit +Audit columns for a table \(migrations\/templates\/audit\.ts\.hbs\)\n {2}revision +An empty revision.*\n {2}seed +Seed data/);
    expect(list.stdout).not.toContain('typeorm-migration');

    const init = await project.spawn('init', 'fresh', '--template', 'json');
    expect(init.code).toBe(0);
    expect(existsSync(join(project.dir, 'fresh', 'entity-migrate.config.json'))).toBe(true);
    expect(project.read('fresh/entity-migrate.config.json')).toMatch(/^\{\n {2}"dataSource"/);
    expect((await project.spawn('init', 'fresh-ts', '--template', 'ts')).code).toBe(0);
    expect(project.read('fresh-ts/entity-migrate.config.ts')).toMatch(/^\/\*\*/);

    expectOneErrorLine(await project.spawn('init', 'other', '--template', 'yaml'), "No init template 'yaml': choose one of json, ts");
    expect(existsSync(join(project.dir, 'other'))).toBe(false);
  });

  test('ensure-version creates the bookkeeping tables only; --sql prints them', async () => {
    const sql = await project.spawn('ensure-version', '--sql');
    expect(sql.code).toBe(0);
    expect(sql.stdout).toMatch(/CREATE TABLE IF NOT EXISTS .entity_migrate_version/);
    expect(sql.stdout).toMatch(/CREATE TABLE IF NOT EXISTS .entity_migrate_history/);
    expect(await tableNames(project.db)).toEqual([]);

    const made = await project.spawn('ensure-version');
    expect(made.code).toBe(0);
    expect(await tableNames(project.db)).toEqual(['entity_migrate_history', 'entity_migrate_version']);
    expect(await versionRows(project.db)).toEqual([]);
    expect((await project.spawn('ensure-version')).code).toBe(0); // again: nothing to do, no error
    expect((await project.spawn('upgrade', 'head')).code).toBe(0);
    expect(await versionRows(project.db)).toEqual(['eeee00000005']);
  });

  test('an unknown command names the nearest one', async () => {
    expectOneErrorLine(await project.spawn('migrate'), "unknown command 'migrate' (did you mean upgrade?)");
    expectOneErrorLine(await project.spawn('list-template'), 'did you mean list-templates?');
  });
});
