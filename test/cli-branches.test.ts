/**
 * CLI, branches (issue 12 §2): several bases with a branch label each, `upgrade heads`,
 * `LABEL@head`, `LABEL@+1`, `LABEL@-1`, `REV@base`, `dependsOn` run first and covered by the
 * dependent's version row, `revision --head/--splice/--branch-label/--depends-on/--version-path`,
 * `versionLocations`, `branches`, `merge` of three heads, `verify` and `status` (checksums) across
 * branches, and the refusal of `upgrade head` with two heads. In-process CLI; PostgreSQL and SQLite.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIALECTS, tableNames, versionRows } from './helpers/databases';
import { createTableOp, dropTableOp, projectPerTest, type TestProject } from './helpers/project';

interface Branching {
  labels?: string[];
  dependsOn?: string[];
  /** Folder relative to the project (default the versions folder). */
  folder?: string;
}

/** A revision that creates table `t_<id>`, with branch exports when given. */
function writeBranchRevision(project: TestProject, id: string, down: string | string[] | null, branching: Branching = {}): string {
  const folder = branching.folder ?? 'migrations/versions';
  return project.write(
    `${folder}/${id}_create_t_${id}.ts`,
    [
      `import type { MigrationContext } from 'typeorm-entity-migrate';`,
      `export const revision = '${id}';`,
      `export const downRevision = ${JSON.stringify(down)};`,
      ...(branching.labels ? [`export const branchLabels = ${JSON.stringify(branching.labels)};`] : []),
      ...(branching.dependsOn ? [`export const dependsOn = ${JSON.stringify(branching.dependsOn)};`] : []),
      `export const message = 'create t_${id}';`,
      `export async function upgrade({ op }: MigrationContext): Promise<void> {`,
      `  ${createTableOp(`t_${id}`)}`,
      `}`,
      `export async function downgrade({ op }: MigrationContext): Promise<void> {`,
      `  ${dropTableOp(`t_${id}`)}`,
      `}`,
      ``,
    ].join('\n'),
  );
}

/**
 *   core:   c1 ← c2              (c1: branchLabels ['core'])
 *   plugin: p1 ← p2              (p1: branchLabels ['plugin']; p2 dependsOn c2)
 */
function writeTwoBranches(project: TestProject): void {
  writeBranchRevision(project, 'c1', null, { labels: ['core'] });
  writeBranchRevision(project, 'c2', 'c1');
  writeBranchRevision(project, 'p1', null, { labels: ['plugin'] });
  writeBranchRevision(project, 'p2', 'p1', { dependsOn: ['c2'] });
}

const OURS = ['entity_migrate_history', 'entity_migrate_version'];
const userTables = async (project: TestProject) => (await tableNames(project.db)).filter((t) => !OURS.includes(t));
/** The revisions an upgrade or downgrade ran, in order, from its `Running …` lines. */
// Each line may carry the progress prefix of a run of several revisions: `[2/3, 0.4 s] `.
const ran = (stdout: string) => [...stdout.matchAll(/^(?:\[\d+\/\d+, [\d.]+ s\] )?Running (?:upgrade .*? -> (\w+)|downgrade (\w+) ->)/gm)].map((m) => m[1] ?? m[2]);

async function ok(project: TestProject, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const result = await project.cli(...args);
  if (result.code !== 0) throw new Error(`entity-migrate ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result;
}

describe.each(Object.entries(DIALECTS))('branches on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'branches');
  beforeEach(() => project.writeConfig());

  test('two bases with a label each: upgrade head is refused naming the heads; LABEL@+1, LABEL@head (dependency first), upgrade heads', async () => {
    writeTwoBranches(project);

    expect(await project.cli('heads')).toEqual({ code: 0, stdout: 'c2 (core) (head)\np2 (plugin) (head)\n', stderr: '' });
    expect((await ok(project, 'current')).stderr).toContain('base');

    const refused = await project.cli('upgrade', 'head');
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    for (const fragment of ['Multiple heads: c2', 'p2', "'entity-migrate upgrade heads'", "'core@head'", "'plugin@head'", "'entity-migrate merge c2 p2"]) {
      expect(refused.stderr).toContain(fragment);
    }
    expect(await userTables(project)).toEqual([]);

    expect(ran((await ok(project, 'upgrade', 'plugin@+1')).stdout)).toEqual(['p1']);
    expect(await versionRows(project.db)).toEqual(['p1']);

    // p2 depends on c2: the core branch up to c2 runs first, and p2's row covers it.
    expect(ran((await ok(project, 'upgrade', 'plugin@head')).stdout)).toEqual(['c1', 'c2', 'p2']);
    expect(await versionRows(project.db)).toEqual(['p2']);
    expect(await userTables(project)).toEqual(['t_c1', 't_c2', 't_p1', 't_p2']);
    expect((await ok(project, 'current')).stdout).toBe('p2 (plugin) (head)\n');

    // A new core revision: upgrade heads runs it (c2, applied without a row of its own, is not "behind").
    writeBranchRevision(project, 'c3', 'c2');
    expect(ran((await ok(project, 'upgrade', 'heads')).stdout)).toEqual(['c3']);
    expect(await versionRows(project.db)).toEqual(['c3', 'p2']);
    expect(ran((await ok(project, 'upgrade', 'heads')).stdout)).toEqual([]);

    // stamp moves one branch's row and leaves the other branch's alone.
    await ok(project, 'stamp', 'c2');
    expect(await versionRows(project.db)).toEqual(['p2']);
    await ok(project, 'stamp', 'core@head');
    expect(await versionRows(project.db)).toEqual(['c3', 'p2']);

    const merged = await ok(project, 'merge', 'core@head', 'plugin@head', '-m', 'join', '--rev-id', 'j1');
    expect(project.read(merged.stdout.trim())).toContain("export const downRevision: string[] = ['c3', 'p2'];");
    expect(ran((await ok(project, 'upgrade', 'head')).stdout)).toEqual(['j1']);
    expect(await versionRows(project.db)).toEqual(['j1']);
  });

  test('LABEL@-1 and REV@base undo one branch only; the dependency row comes back when its dependent is undone', async () => {
    writeTwoBranches(project);
    writeBranchRevision(project, 'c3', 'c2');
    await ok(project, 'upgrade', 'heads');
    expect(await versionRows(project.db)).toEqual(['c3', 'p2']);

    expect(ran((await ok(project, 'downgrade', 'core@-1')).stdout)).toEqual(['c3']);
    expect(await versionRows(project.db)).toEqual(['p2']);

    expect(ran((await ok(project, 'downgrade', 'p2@base')).stdout)).toEqual(['p2', 'p1']);
    expect(await versionRows(project.db)).toEqual(['c2']);
    expect(await userTables(project)).toEqual(['t_c1', 't_c2']);

    // Undoing the core branch undoes what depends on it too.
    await ok(project, 'upgrade', 'heads');
    expect(ran((await ok(project, 'downgrade', 'core@base')).stdout)).toEqual(['p2', 'c3', 'c2', 'c1']);
    expect(await versionRows(project.db)).toEqual(['p1']);
    expect(await userTables(project)).toEqual(['t_p1']);
  });

  test('revision --head base --branch-label, --head LABEL@head --depends-on, no --head with two heads, --head on a non-head needs --splice', async () => {
    const written = (result: { stdout: string }) => project.read(result.stdout.trim());
    const core = written(await ok(project, 'revision', '-m', 'core one', '--rev-id', 'c1'));
    expect(core).not.toContain('branchLabels');
    expect(core).not.toContain('dependsOn');

    const plugin = written(await ok(project, 'revision', '-m', 'plugin one', '--rev-id', 'p1', '--head', 'base', '--branch-label', 'plugin'));
    expect(plugin).toContain('export const downRevision: string | null = null;');
    expect(plugin).toContain("export const branchLabels = ['plugin'];");

    const refused = await project.cli('revision', '-m', 'where', '--rev-id', 'x1');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Multiple heads: c1');
    expect(refused.stderr).toContain("pass --head with one of them (or 'c1@head', 'plugin@head')");

    const next = written(await ok(project, 'revision', '-m', 'plugin two', '--rev-id', 'p2', '--head', 'plugin@head', '--depends-on', 'c1'));
    expect(next).toContain("export const downRevision: string | null = 'p1';");
    expect(next).toContain("export const dependsOn = ['c1'];");
    expect((await ok(project, 'show', 'p2')).stdout).toContain('Depends on: c1');
    // show takes what targets take: LABEL@head, REV+N, a branch label (its first revision).
    expect((await ok(project, 'show', 'plugin@head')).stdout).toMatch(/^Rev: p2 \(plugin\) \(head\)$/m);
    expect((await ok(project, 'show', 'p2-1')).stdout).toMatch(/^Rev: p1 /m);
    expect((await ok(project, 'show', 'plugin')).stdout).toMatch(/^Rev: p1 /m);
    // history -r LABEL@base:LABEL@head lists that branch's line only.
    const pluginLine = (await ok(project, 'history', '-r', 'plugin@base:plugin@head')).stdout;
    expect(pluginLine).toMatch(/p1 -> p2/);
    expect(pluginLine).toMatch(/<base> -> p1/);
    expect(pluginLine).not.toMatch(/c1/);

    for (const [args, message] of [
      [['--head', 'p1'], "--head p1: revision p1 is not a head (p2 build on it); pass --splice"],
      [['--head', 'base', '--branch-label', 'plugin'], "--branch-label plugin: is already the label of p1"],
      [['--head', 'base', '--branch-label', 'a@b'], '--branch-label a@b: must be letters'],
      [['--splice'], '--splice needs --head REV'],
      [['--head', 'nope'], "No revision matches 'nope'"],
    ] as const) {
      const bad = await project.cli('revision', '-m', 'bad', '--rev-id', 'bad1', ...args);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain(message);
      expect(existsSync(join(project.versionsDir, 'bad1_bad.ts'))).toBe(false);
    }

    await ok(project, 'revision', '-m', 'plugin side', '--rev-id', 's2', '--head', 'p1', '--splice');
    const branches = await ok(project, 'branches');
    expect(branches.stdout).toBe(['<base> -> p1 (plugin) (branchpoint), plugin one', '   -> p2 (plugin) (head), plugin two', '   -> s2 (plugin) (head), plugin side', ''].join('\n'));
  });

  test('merge of three heads joins them; upgrade head then runs everything and leaves one row', async () => {
    writeBranchRevision(project, 'a1', null);
    writeBranchRevision(project, 'b1', null);
    writeBranchRevision(project, 'c1', null);
    const merged = await ok(project, 'merge', 'heads', '-m', 'join all', '--rev-id', 'm1');
    expect(project.read(merged.stdout.trim())).toContain("export const downRevision: string[] = ['a1', 'b1', 'c1'];");
    expect((await ok(project, 'heads')).stdout).toBe('m1 (head)\n');
    expect(ran((await ok(project, 'upgrade', 'head')).stdout)).toEqual(['a1', 'b1', 'c1', 'm1']);
    expect(await versionRows(project.db)).toEqual(['m1']);
    expect(ran((await ok(project, 'downgrade', 'b1')).stdout)).toEqual(['m1']);
    expect(await versionRows(project.db)).toEqual(['a1', 'b1', 'c1']);
  });

  test('versionLocations and --version-path: a plugin folder beside the versions folder', async () => {
    project.writeConfig({ versionLocations: ['plugin/versions'] });
    const missing = await project.cli('heads');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('plugin/versions does not exist (versionLocations of entity-migrate.config.json');

    project.write('plugin/versions/.keep', '');
    writeBranchRevision(project, 'c1', null, { labels: ['core'] });
    const first = await ok(project, 'revision', '-m', 'plugin one', '--rev-id', 'p1', '--head', 'base', '--branch-label', 'plugin', '--version-path', 'plugin/versions');
    expect(first.stdout.trim()).toBe(join('plugin', 'versions', 'p1_plugin_one.ts'));
    // Built on a plugin revision, the next one goes beside it without --version-path.
    const second = await ok(project, 'revision', '-m', 'plugin two', '--rev-id', 'p2', '--head', 'plugin@head');
    expect(second.stdout.trim()).toBe(join('plugin', 'versions', 'p2_plugin_two.ts'));

    const elsewhere = await project.cli('revision', '-m', 'x', '--head', 'base', '--version-path', 'other');
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain('--version-path other: not a version folder (migrations/versions, plugin/versions)');

    expect((await ok(project, 'heads')).stdout).toBe('c1 (core) (head)\np2 (plugin) (head)\n');
    expect(ran((await ok(project, 'upgrade', 'heads')).stdout)).toEqual(['c1', 'p1', 'p2']);
    expect(await versionRows(project.db)).toEqual(['c1', 'p2']);
  });

  test('status and verify across two branches; an edited applied revision on one branch is reported', async () => {
    writeTwoBranches(project);
    await ok(project, 'upgrade', 'core@head');
    const behind = await project.cli('status', '--json', '--no-check');
    expect(behind.code).toBe(2);
    expect(JSON.parse(behind.stdout)).toMatchObject({ current: ['c2'], heads: ['c2', 'p2'], atHead: false, pending: [{ id: 'p1' }, { id: 'p2' }] });

    await ok(project, 'upgrade', 'heads');
    const atHead = await project.cli('status', '--json', '--no-check');
    expect(JSON.parse(atHead.stdout)).toMatchObject({ current: ['p2'], heads: ['c2', 'p2'], atHead: true, pending: [], changed: [], upToDate: true });
    expect(atHead.code).toBe(0);

    // The lock and the checksums: the applied file c1 (covered by p2's row) changes.
    // jest caches modules by path: the edited revision goes to a new file.
    const c1 = project.read('migrations/versions/c1_create_t_c1.ts');
    project.remove('migrations/versions/c1_create_t_c1.ts');
    project.write('migrations/versions/c1_edited.ts', c1.replace('  await op.createTable', '  // edited after it ran\n  await op.createTable'));
    const edited = await project.cli('status', '--json', '--no-check');
    expect(edited.code).toBe(2);
    expect(JSON.parse(edited.stdout)).toMatchObject({ atHead: true, changed: [{ revision: 'c1' }], upToDate: false });

    const verify = await project.cli('verify');
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
  });
});
