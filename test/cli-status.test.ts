/**
 * CLI, `status`: where the database stands in each state a user meets (at base, pending, at head
 * and in sync, entity drift, an applied file edited, two heads, a recorded revision no file has),
 * its exit codes (0 up to date, 2 otherwise, 1 on error), `--json`, and `--no-check` working
 * without loading entities. In-process CLI; needs PostgreSQL, SQLite and MariaDB.
 */
import { createMysqlDatabase, DIALECTS, type TestDatabase } from './helpers/databases';
import { createTableOp, dropTableOp, projectPerTest, withProject, type TestProject } from './helpers/project';
import { widgetEntitySource } from './helpers/widget-entity';

/** The entity with one more column: drift against a database made from the first. */
const userEntityWithNickname = (): string =>
  widgetEntitySource('app_user').replace('  name!: string;\n', '  name!: string;\n\n  @Column({ nullable: true })\n  nickname?: string;\n');

/** What `status --json` prints (files relative to the project, ops in words). */
interface StatusJson {
  versionTable: boolean;
  current: string[];
  unknown: string[];
  squashedInto: Record<string, string>;
  heads: string[];
  atHead: boolean;
  pending: { id: string; message: string; file: string }[] | null;
  changed: { revision: string; file: string; appliedChecksum: string; currentChecksum: string }[];
  entities: { compared: true; ops: string[]; destructive: string[] } | { compared: false; reason: string };
  upToDate: boolean;
}

async function statusJson(project: TestProject, ...flags: string[]): Promise<{ code: number; json: StatusJson }> {
  const result = await project.cli('status', '--json', ...flags);
  expect(result.stderr).toBe('');
  return { code: result.code, json: JSON.parse(result.stdout) as StatusJson };
}

/** Two hand-written revisions, alpha then beta. */
function writeChain(project: TestProject): void {
  project.writeRevision('aaaa00000001', null, createTableOp('alpha'), dropTableOp('alpha'), 'create alpha');
  project.writeRevision('bbbb00000002', 'aaaa00000001', createTableOp('beta'), dropTableOp('beta'), 'create beta');
}

const DATABASES: Record<string, () => Promise<TestDatabase>> = { ...DIALECTS, mariadb: () => createMysqlDatabase() };

describe.each(Object.entries(DATABASES))('status on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'status');
  /** The config's connection part: MariaDB is named so (its URL scheme says mysql). */
  const writeConfig = (extra: Record<string, unknown> = {}) =>
    project.writeConfig({ ...(project.db.dialect === 'mysql' ? { type: 'mariadb' } : {}), ...extra });

  test('an empty database is at base, every revision pending in upgrade order, the drift check not run (exit 2)', async () => {
    writeConfig({ entities: ['entities/*.ts'] });
    project.write('entities/user.ts', widgetEntitySource('app_user'));
    writeChain(project);

    const text = await project.cli('status');
    expect(text.stderr).toBe('');
    expect(text.code).toBe(2);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe('Database: base (no version table)');
    expect(text.stdout).toContain('Head:     bbbb00000002');
    expect(text.stdout).toContain("Pending:  2 revision(s), in the order 'entity-migrate upgrade head' runs them:");
    expect(text.stdout.indexOf('  aaaa00000001  create alpha')).toBeLessThan(text.stdout.indexOf('  bbbb00000002  create beta'));
    expect(text.stdout).toContain("Entities: not compared: the database is not at head ('entity-migrate upgrade head' first)");

    const { code, json } = await statusJson(project);
    expect(code).toBe(2);
    expect(json).toEqual({
      versionTable: false,
      current: [],
      unknown: [],
      squashedInto: {},
      heads: ['bbbb00000002'],
      atHead: false,
      pending: [
        { id: 'aaaa00000001', message: 'create alpha', file: 'migrations/versions/aaaa00000001_create_alpha.ts' },
        { id: 'bbbb00000002', message: 'create beta', file: 'migrations/versions/bbbb00000002_create_beta.ts' },
      ],
      changed: [],
      entities: { compared: false, reason: 'not-at-head' },
      upToDate: false,
    });

    // Half way, then back to base: the version table exists but records nothing.
    expect((await project.cli('upgrade', '+1')).code).toBe(0);
    const halfway = await statusJson(project, '--no-check');
    expect(halfway.json.current).toEqual(['aaaa00000001']);
    expect(halfway.json.pending?.map((p) => p.id)).toEqual(['bbbb00000002']);
    expect(halfway.code).toBe(2);
    expect((await project.cli('downgrade', 'base')).code).toBe(0);
    const emptied = await project.cli('status', '--no-check');
    expect(emptied.stdout.split('\n')[0]).toBe('Database: base (no revision recorded)');
    expect(emptied.code).toBe(2);
  });

  test('at head and in sync exits 0; an entity edit is drift, listed, exit 2', async () => {
    writeConfig({ entities: ['entities/*.ts'] });
    project.write('entities/user.ts', widgetEntitySource('app_user'));
    expect((await project.cli('revision', '--autogenerate', '-m', 'create users')).code).toBe(0);
    expect((await project.cli('upgrade', 'head')).code).toBe(0);

    const clean = await project.cli('status');
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^Database: \w{12} \(head\)$/m);
    expect(clean.stdout).toContain('Pending:  none');
    expect(clean.stdout).toContain('Changed:  none');
    expect(clean.stdout).toContain('Entities: in sync with the database');
    const cleanJson = await statusJson(project);
    expect(cleanJson.code).toBe(0);
    expect(cleanJson.json).toMatchObject({ atHead: true, pending: [], changed: [], entities: { compared: true, ops: [], destructive: [] }, upToDate: true });

    // jest caches modules by path: the edited entity goes to a new file.
    project.remove('entities/user.ts');
    project.write('entities/user-v2.ts', userEntityWithNickname());
    const drift = await project.cli('status');
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain("Entities: 1 pending op(s), which 'entity-migrate revision --autogenerate -m MSG' writes:");
    expect(drift.stdout).toContain('  + column app_user.nickname');
    const driftJson = await statusJson(project);
    expect(driftJson.code).toBe(2);
    expect(driftJson.json).toMatchObject({ atHead: true, entities: { compared: true, ops: ['+ column app_user.nickname'] }, upToDate: false });
  });

  test('an applied revision whose file changed is listed, exit 2', async () => {
    writeConfig({ entities: [] });
    writeChain(project);
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    expect((await project.cli('status', '--no-check')).code).toBe(0);
    const noEntities = await project.cli('status');
    expect(noEntities.code).toBe(1);
    expect(noEntities.stderr.trim().split('\n')).toHaveLength(1);
    expect(noEntities.stderr).toContain("'entity-migrate status --no-check' leaves the comparison out");

    project.remove('migrations/versions/aaaa00000001_create_alpha.ts');
    project.writeRevision('aaaa00000001', null, `${createTableOp('alpha')}\n  await op.execute('SELECT 1');`, dropTableOp('alpha'), 'alpha edited');
    const text = await project.cli('status', '--no-check');
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('Changed:  1 applied revision file(s) changed since they ran:');
    expect(text.stdout).toContain('  revision aaaa00000001 (migrations/versions/aaaa00000001_alpha_edited.ts) changed since it was applied');
    expect(text.stdout).toContain('Entities: not compared (--no-check)');
    const { code, json } = await statusJson(project, '--no-check');
    expect(code).toBe(2);
    expect(json.atHead).toBe(true);
    expect(json.changed).toEqual([
      { revision: 'aaaa00000001', file: 'migrations/versions/aaaa00000001_alpha_edited.ts', appliedChecksum: expect.stringMatching(/^[0-9a-f]+$/), currentChecksum: expect.stringMatching(/^[0-9a-f]+$/) },
    ]);
    expect(json.entities).toEqual({ compared: false, reason: 'skipped' });
  });

  test('two heads are both listed and both pending; at both, status is up to date', async () => {
    writeConfig({ entities: [] });
    project.writeRevision('aaaa00000001', null, createTableOp('alpha'), dropTableOp('alpha'), 'create alpha');
    project.writeRevision('bbbb00000002', 'aaaa00000001', createTableOp('beta'), dropTableOp('beta'), 'create beta');
    project.writeRevision('cccc00000003', 'aaaa00000001', createTableOp('gamma'), dropTableOp('gamma'), 'create gamma');

    const text = await project.cli('status', '--no-check');
    expect(text.code).toBe(2);
    expect(text.stdout).toContain("Heads:    bbbb00000002, cccc00000003 (several: 'entity-migrate merge' joins them)");
    expect(text.stdout).toContain("Pending:  3 revision(s), in the order 'entity-migrate upgrade heads' runs them:");
    const before = await statusJson(project, '--no-check');
    expect(before.json.heads).toEqual(['bbbb00000002', 'cccc00000003']);
    expect(before.json.pending?.map((p) => p.id)).toEqual(['aaaa00000001', 'bbbb00000002', 'cccc00000003']);

    expect((await project.cli('upgrade', 'bbbb00000002')).code).toBe(0);
    const one = await statusJson(project, '--no-check');
    expect(one.code).toBe(2);
    expect(one.json).toMatchObject({ current: ['bbbb00000002'], atHead: false, pending: [{ id: 'cccc00000003' }] });

    expect((await project.cli('upgrade', 'heads')).code).toBe(0);
    const both = await statusJson(project, '--no-check');
    expect(both.code).toBe(0);
    expect(both.json).toMatchObject({ current: ['bbbb00000002', 'cccc00000003'], atHead: true, pending: [], upToDate: true });
  });

  test('a recorded revision no file has is reported (exit 2), not an error', async () => {
    writeConfig({ entities: [] });
    writeChain(project);
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    project.remove('migrations/versions/bbbb00000002_create_beta.ts');

    const text = await project.cli('status', '--no-check');
    expect(text.stderr).toBe('');
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('Database: bbbb00000002');
    expect(text.stdout).toContain("  bbbb00000002: no revision file has it; 'entity-migrate stamp REV' records the revision the database really is at");
    expect(text.stdout).toContain('Pending:  unknown: the database records a revision no file has');
    const { code, json } = await statusJson(project);
    expect(code).toBe(2);
    expect(json).toMatchObject({ current: ['bbbb00000002'], unknown: ['bbbb00000002'], heads: ['aaaa00000001'], atHead: false, pending: null, entities: { compared: false, reason: 'not-at-head' } });
  });

  test('--no-check loads no entities: a config whose entities fail to load still gets its status', async () => {
    writeConfig({ entities: ['entities/*.ts'] });
    writeChain(project);
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    project.write('entities/broken.ts', "throw new Error('this entity file does not load');\n");

    const checked = await project.cli('status');
    expect(checked.code).toBe(1);
    expect(checked.stderr.trim().split('\n')).toHaveLength(1);
    expect(checked.stderr).toContain('does not load');

    const unchecked = await project.cli('status', '--no-check');
    expect(unchecked.stderr).toBe('');
    expect(unchecked.code).toBe(0);
    expect(unchecked.stdout).toContain('Entities: not compared (--no-check)');
  });
});

test('status --quiet prints nothing and answers with the exit code', async () => {
  await withProject(await DIALECTS.sqlite(), 'status-quiet', async (project) => {
    project.writeConfig({ entities: [] });
    writeChain(project);
    const pending = await project.cli('status', '--no-check', '--quiet');
    expect(pending).toEqual({ code: 2, stdout: '', stderr: '' });
    await project.cli('upgrade', 'head');
    expect(await project.cli('status', '--no-check', '--quiet')).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
