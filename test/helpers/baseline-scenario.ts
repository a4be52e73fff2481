/**
 * The baseline round trip of issue 9 §1 for one dialect, through the built CLI as a user runs it:
 * a hand-built schema (test/fixtures/baseline/<dialect>.sql) → `baseline` (stamped, nothing
 * run) → `upgrade head` on a second, empty database → the two catalogs are equal → `downgrade
 * base` empties it → an entity for one table with one new column autogenerates just that column,
 * and `verify` passes. Plus the refusals: a second baseline, an empty database.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { withConnection, type TestDatabase } from './databases';
import { ensureBuilt } from './spawn-cli';
import { TYPEORM_COMPAT_DIR } from './install-package';
import { SpawnedProject } from './spawned-project';
import { withoutChangeSummary } from './round-trip';

export interface BaselineScenario {
  dialect: 'mysql' | 'sqlite';
  createDatabase(): Promise<TestDatabase>;
  /** The data source options the project's config holds. */
  configFor(db: TestDatabase): Record<string, unknown>;
  /** What `--url` says for a second database. */
  urlFor(db: TestDatabase): string;
  snapshot(ds: DataSource): Promise<Record<string, unknown> | object>;
  /** An entity for table `tag` with the hand-built names, and a new nullable column `note`. */
  tagEntity: string;
}

const FIXTURES = join(__dirname, '..', 'fixtures', 'baseline');

async function build(db: TestDatabase, dialect: string): Promise<void> {
  const statements = readFileSync(join(FIXTURES, `${dialect}.sql`), 'utf8').split(/^;$/m).map((s) => s.trim()).filter(Boolean);
  await withConnection(db, async (ds) => {
    for (const statement of statements) await ds.query(statement);
  });
}

export function describeBaselineRoundTrip(scenario: BaselineScenario): void {
  beforeAll(() => ensureBuilt(), 120_000);
  jest.setTimeout(180_000);

  const snapshotOf = (db: TestDatabase) => withConnection(db, (ds) => scenario.snapshot(ds));
  let databases: TestDatabase[] = [];
  let project: SpawnedProject | undefined;
  const fresh = async () => {
    const db = await scenario.createDatabase();
    databases.push(db);
    return db;
  };
  afterEach(async () => {
    project?.remove();
    project = undefined;
    await Promise.all(databases.map((db) => db.drop()));
    databases = [];
  });
  const newProject = (db: TestDatabase, extra: Record<string, unknown> = {}) => {
    project = new SpawnedProject(`baseline-${scenario.dialect}`);
    // On the TypeORM 0.3 run, the project's CLI runs on TypeORM 0.3 (and sqlite3).
    if (TYPEORM_COMPAT_DIR) project.installPackage();
    return writeConfig(project, db, extra);
  };
  const writeConfig = (p: SpawnedProject, db: TestDatabase, extra: Record<string, unknown> = {}) =>
    p.write({ 'entity-migrate.config.json': JSON.stringify({ dataSource: { ...scenario.configFor(db), entities: [] }, migrationsDir: 'migrations', ...extra }) });
  const revisionFiles = (p: SpawnedProject, dir = 'versions') => readdirSync(join(p.dir, 'migrations', dir)).filter((f) => f.endsWith('.ts'));

  test('a hand-built schema: baseline, upgrade on an empty database, same catalog, downgrade, then an entity edit', async () => {
    const adopted = await fresh();
    await build(adopted, scenario.dialect);
    const before = await snapshotOf(adopted);
    const p = newProject(adopted);

    const baseline = await p.cli('baseline', '-m', 'baseline');
    expect(baseline.stderr).toMatch(/Baseline of \d+ table\(s\), 2 view\(s\); stamped [0-9a-f]{12} without running it/);
    expect(baseline.code).toBe(0);
    const [file] = revisionFiles(p);
    expect(baseline.stdout.trim()).toBe(`migrations/versions/${file}`);
    const revision = file!.slice(0, 12);
    expect((await p.cli('current')).stdout).toContain(`${revision} (head)`);
    expect(await snapshotOf(adopted)).toEqual(before); // stamped, nothing ran

    const empty = await fresh();
    const up = await p.cli('upgrade', 'head', '--url', scenario.urlFor(empty));
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(await snapshotOf(empty)).toEqual(before);

    const down = await p.cli('downgrade', 'base', '--url', scenario.urlFor(empty));
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
    expect(await snapshotOf(empty)).toEqual({ tables: {}, views: {} });

    // An entity for one table, with one new column: autogenerate on the adopted database writes just that.
    writeConfig(p, adopted, { include: ['tag'] });
    const config = JSON.parse(readFileSync(join(p.dir, 'entity-migrate.config.json'), 'utf8')) as { dataSource: Record<string, unknown> };
    config.dataSource.entities = ['entities/*.ts'];
    p.write({ 'entity-migrate.config.json': JSON.stringify(config), 'entities/tag.ts': scenario.tagEntity });
    const autogenerate = await p.cli('revision', '--autogenerate', '-m', 'tag note');
    expect(withoutChangeSummary(autogenerate.stderr)).toBe('');
    expect(autogenerate.code).toBe(0);
    const written = readFileSync(join(p.dir, autogenerate.stdout.trim()), 'utf8');
    const changes = written.slice(written.indexOf('Changes:'), written.indexOf('*/')).split('\n').filter((l) => /^\s*\*\s+\S/.test(l));
    expect(changes).toEqual([expect.stringMatching(/tag.*note/)]);
    expect(written).toMatch(/op\.addColumn\('tag', \{ name: 'note'/);

    const verify = await p.cli('verify');
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
  });

  test('a second baseline is refused; --force starts a new history and moves the old files aside', async () => {
    const adopted = await fresh();
    await build(adopted, scenario.dialect);
    const p = newProject(adopted);
    expect((await p.cli('baseline', '-m', 'first')).code).toBe(0);
    const [first] = revisionFiles(p);

    const again = await p.cli('baseline', '-m', 'second');
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toEqual([expect.stringMatching(/already holds 1 revision\(s\).*--force/)]);
    expect(revisionFiles(p)).toEqual([first]);

    const forced = await p.cli('baseline', '-m', 'second', '--force');
    expect(forced.code).toBe(0);
    const [second] = revisionFiles(p);
    expect(second).not.toBe(first);
    expect(revisionFiles(p, 'pre-baseline')).toEqual([first]);
    expect((await p.cli('current')).stdout).toContain(`${second!.slice(0, 12)} (head)`);
  });

  test('an empty database has nothing to adopt', async () => {
    const p = newProject(await fresh());
    const result = await p.cli('baseline', '-m', 'baseline');
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/no tables or views to adopt/)]);
    expect(revisionFiles(p)).toEqual([]);
  });
}
