/**
 * `baseline` on PostgreSQL (issue 9 §1), through the built CLI as a user runs it: a schema built by
 * hand with every object kind (test/fixtures/baseline/postgres.sql) is adopted without running any
 * DDL; an empty database upgraded to the baseline has the same catalog (test/helpers/
 * catalog-snapshot-postgres.ts, read without our code or TypeORM), `verify` passes, the downgrade
 * leaves nothing; an entity edit on the adopted database autogenerates just that edit. Refusals:
 * a second baseline (HISTORY_EXISTS, `--force` starts a new history) and an empty database.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createPostgresDatabase, databasePerTest, withConnection, type TestDatabase } from './helpers/databases';
import { EMPTY_POSTGRES_SNAPSHOT, postgresCatalogSnapshot, type PostgresCatalogSnapshot } from './helpers/catalog-snapshot-postgres';
import { TYPEORM_COMPAT_DIR } from './helpers/install-package';
import { BIN, ensureBuilt } from './helpers/spawn-cli';
import { SpawnedProject } from './helpers/spawned-project';

beforeAll(() => ensureBuilt(), 120_000);
jest.setTimeout(180_000);

const HAND_BUILT = readFileSync(join(__dirname, 'fixtures', 'baseline', 'postgres.sql'), 'utf8');

const original = databasePerTest(createPostgresDatabase);
let project: SpawnedProject;
afterEach(() => project?.remove());

const snapshot = (db: TestDatabase): Promise<PostgresCatalogSnapshot> => withConnection(db, (ds) => postgresCatalogSnapshot(ds));
const buildByHand = (db: TestDatabase) => withConnection(db, (ds) => ds.query(HAND_BUILT));

/** A project on `db` with no entities; on the TypeORM 0.3 run, its CLI runs on TypeORM 0.3. */
function adopt(db: TestDatabase): SpawnedProject {
  const p = new SpawnedProject('baseline-pg').write({
    'entity-migrate.config.json': JSON.stringify({ type: 'postgres', url: db.url, entities: [] }),
  });
  return TYPEORM_COMPAT_DIR ? p.installPackage() : p;
}

/** An entity for the fixture's `tag` table, with its hand-built names; `extra` adds members. */
const tagEntity = (extra = '') => `
import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('tag')
@Unique('tag_label_uq', ['label'])
@Index('tag_created_idx', ['createdAt'])
export class Tag {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'tag_pk' })
  id!: number;

  @Column({ type: 'varchar', length: 50 })
  label!: string;

  @Column({ type: 'varchar', length: 7, nullable: true, default: '#000000' })
  color!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
${extra}}
`;

const NOTE = `
  @Column({ type: 'text', nullable: true })
  note!: string | null;
`;

/** Entities for the `tag` table only: the rest of the adopted schema is left to `include`. */
function describeTag(p: SpawnedProject, db: TestDatabase, extra = ''): void {
  p.write({
    'entity-migrate.config.json': JSON.stringify({ type: 'postgres', url: db.url, entities: ['src/*.entity.ts'], include: ['tag'] }),
    'src/tag.entity.ts': tagEntity(extra),
  });
}

/** The TypeORM release the project's CLI loads (the one `typeorm` resolves to from its bin). */
function typeormVersionOf(p: SpawnedProject): string {
  const bin = TYPEORM_COMPAT_DIR ? join(p.dir, 'node_modules', 'typeorm-entity-migrate', 'bin', 'entity-migrate.js') : BIN;
  const main = createRequire(bin).resolve('typeorm');
  return (JSON.parse(readFileSync(join(dirname(main), 'package.json'), 'utf8')) as { version: string }).version;
}

const revisionFiles = (p: SpawnedProject, dir = 'versions') => readdirSync(join(p.dir, 'migrations', dir)).filter((f) => f.endsWith('.ts'));
const revisionIdOf = (file: string) => /export const revision = '(\w+)'/.exec(file)![1];

/** Exit 0, else fail with what the command printed. */
function expectSuccess(result: { code: number; stderr: string; stdout: string }, command: string): void {
  if (result.code !== 0) throw new Error(`${command} exited ${result.code}:\n${result.stderr}${result.stdout}`);
}

describe('a hand-built schema with every object kind', () => {
  const fresh = databasePerTest(createPostgresDatabase);

  test('round-trips: baseline, upgrade head elsewhere gives the same catalog, verify, downgrade base empties it', async () => {
    await buildByHand(original);
    const before = await snapshot(original);
    // The fixture really has what the snapshot must compare (a broken reader would compare {} to {}).
    expect(Object.keys(before.tables)).toEqual(['billing.invoice', 'public.membership', 'public.person', 'public.tag', 'public.team']);
    expect(Object.keys(before.views).sort()).toEqual(['billing.team_total', 'public.active_team', 'public.active_team_name', 'public.team_size']);
    project = adopt(original);

    const baseline = await project.cli('baseline', '-m', 'baseline');
    expectSuccess(baseline, 'baseline');
    expect(typeormVersionOf(project)).toMatch(TYPEORM_COMPAT_DIR ? /^0\.3\./ : /^1\./);
    const [file] = revisionFiles(project);
    expect(baseline.stdout.trim()).toBe(join('migrations', 'versions', file));
    const source = readFileSync(join(project.dir, 'migrations', 'versions', file), 'utf8');
    const revision = revisionIdOf(source);

    // Stamped without running: the catalog is untouched and `current` names the baseline.
    expect(await snapshot(original)).toEqual(before);
    const current = await project.cli('current');
    expectSuccess(current, 'current');
    expect(current.stdout).toContain(revision);

    const upgrade = await project.cli('upgrade', 'head', '--url', fresh.url);
    expectSuccess(upgrade, 'upgrade head');
    expect(await snapshot(fresh)).toEqual(before);

    expectSuccess(await project.cli('downgrade', 'base', '--url', fresh.url), 'downgrade base');
    expect(await snapshot(fresh)).toEqual(EMPTY_POSTGRES_SNAPSHOT);

    // verify compares with entities (it refuses none): the tag table's, the rest left to `include`.
    describeTag(project, original);
    expectSuccess(await project.cli('verify'), 'verify');
  });
});

describe('after the baseline', () => {

  test('an entity edit autogenerates just that edit', async () => {
    await buildByHand(original);
    project = adopt(original);
    expectSuccess(await project.cli('baseline', '-m', 'baseline'), 'baseline');
    describeTag(project, original, NOTE);

    const check = await project.cli('check');
    expect(check.code).toBe(2);
    const revision = await project.cli('revision', '--autogenerate', '-m', 'tag note');
    expectSuccess(revision, 'revision --autogenerate');
    const written = revisionFiles(project).find((f) => f.includes('tag_note'))!;
    const source = readFileSync(join(project.dir, 'migrations', 'versions', written), 'utf8');
    const body = (name: string) => source.split(`export async function ${name}`)[1].split('\n}\n')[0];
    expect(body('upgrade').match(/await op\.\w+\(.*/g)).toEqual([`await op.addColumn('tag', { name: 'note', type: 'text', isNullable: true });`]);
    expect(body('downgrade').match(/await op\.\w+\(.*/g)).toEqual([`await op.dropColumn('tag', { name: 'note', type: 'text', isNullable: true });`]);

    expectSuccess(await project.cli('upgrade', 'head'), 'upgrade head');
    const after = await project.cli('check');
    expect(after.code).toBe(0);
    expectSuccess(await project.cli('verify'), 'verify');
  });

  test('a second baseline is refused; --force starts a new history and moves the old files aside', async () => {
    await buildByHand(original);
    project = adopt(original);
    expectSuccess(await project.cli('baseline', '-m', 'baseline'), 'baseline');
    const [first] = revisionFiles(project);

    const again = await project.cli('baseline', '-m', 'again');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: .*baseline starts a history; pass --force to start a new one .*\n$/);
    expect(revisionFiles(project)).toEqual([first]);

    const forced = await project.cli('baseline', '-m', 'again', '--force');
    expectSuccess(forced, 'baseline --force');
    expect(revisionFiles(project, 'pre-baseline')).toEqual([first]);
    const [second] = revisionFiles(project);
    expect(second).not.toBe(first);
    const current = await project.cli('current');
    expect(current.stdout).toContain(revisionIdOf(readFileSync(join(project.dir, 'migrations', 'versions', second), 'utf8')));
    expect(current.stdout).not.toContain(revisionIdOf(readFileSync(join(project.dir, 'migrations', 'pre-baseline', first), 'utf8')));
  });

  test('an empty database is refused', async () => {
    project = adopt(original);
    const result = await project.cli('baseline', '-m', 'baseline');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .* has no tables or views to adopt; .*\n$/);
    expect(revisionFiles(project)).toEqual([]);
    expect(existsSync(join(project.dir, 'migrations', 'pre-baseline'))).toBe(false);
  });
});
