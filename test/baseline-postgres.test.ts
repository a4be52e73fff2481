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
/** The body of a revision file's `upgrade` or `downgrade`. */
const body = (source: string, name: string) => source.split(`export async function ${name}`)[1].split('\n}\n')[0];
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
    expect(Object.keys(before.tables)).toEqual(['billing.invoice', 'public.account', 'public.membership', 'public.person', 'public.tag', 'public.team']);
    expect(Object.keys(before.views).sort()).toEqual(['billing.team_total', 'public.active_team', 'public.active_team_name', 'public.team_size']);
    expect(before.extensions).toEqual({ citext: 'public', hstore: 'ext', pg_trgm: 'public', pgcrypto: 'public', 'uuid-ossp': 'public' });
    expect(Object.keys(before.enums)).toEqual(['billing.currency', 'billing.unused_state', 'public.Unused Kind', 'public.channel', 'public.mood', 'public.priority']);
    expect(before.domains).toEqual({
      'billing.positive_amount': 'numeric(10,2) NOT NULL DEFAULT 1 positive_amount_check CHECK ((VALUE > (0)::numeric))',
      'public.contact_channel': "channel DEFAULT 'mail'::channel",
      'public.email_address': "character varying(255) email_address_has_at CHECK (((VALUE)::text ~~ '%@%'::text))",
    });
    expect(before.tables['public.account'].columns.map((c) => c.type)).toEqual([
      'uuid', 'citext', 'text', 'text', 'ext.hstore', 'email_address', 'contact_channel', 'contact_channel[]',
    ]);
    project = adopt(original);

    const baseline = await project.cli('baseline', '-m', 'baseline');
    expectSuccess(baseline, 'baseline');
    expect(typeormVersionOf(project)).toMatch(TYPEORM_COMPAT_DIR ? /^0\.3\./ : /^1\./);
    const [file] = revisionFiles(project);
    expect(baseline.stdout.trim()).toBe(join('migrations', 'versions', file));
    const source = readFileSync(join(project.dir, 'migrations', 'versions', file), 'utf8');
    const revision = revisionIdOf(source);
    // Extensions, domains and the types no createTable makes come before the first table, and go
    // after the last one (in reverse order) before the schemas they are in.
    const statements = (name: string) => body(source, name).match(/await op\.\w+\(.*/g)!;
    const sqlOf = (statement: string) => /^await op\.execute\('(.*)'\);$/.exec(statement)?.[1].replace(/\\'/g, "'");
    const upgradeBody = statements('upgrade');
    const firstTable = upgradeBody.findIndex((s) => s.startsWith('await op.createTable('));
    expect(upgradeBody.slice(0, 2)).toEqual([`await op.createSchema('billing');`, `await op.createSchema('ext');`]);
    const prelude = [
      ['CREATE EXTENSION IF NOT EXISTS "citext"', 'DROP EXTENSION IF EXISTS "citext"'],
      ['CREATE EXTENSION IF NOT EXISTS "pgcrypto"', 'DROP EXTENSION IF EXISTS "pgcrypto"'],
      ['CREATE EXTENSION IF NOT EXISTS "uuid-ossp"', 'DROP EXTENSION IF EXISTS "uuid-ossp"'],
      ['CREATE EXTENSION IF NOT EXISTS "pg_trgm"', 'DROP EXTENSION IF EXISTS "pg_trgm"'],
      ['CREATE EXTENSION IF NOT EXISTS "hstore" SCHEMA "ext"', 'DROP EXTENSION IF EXISTS "hstore"'],
      // mood: tables in public would make it, but billing.invoice needs it too.
      [`CREATE TYPE "mood" AS ENUM ('sad', 'ok', 'happy')`, 'DROP TYPE IF EXISTS "mood"'],
      [`CREATE TYPE "priority" AS ENUM ('low', 'normal', 'high')`, 'DROP TYPE IF EXISTS "priority"'],
      [`CREATE TYPE "billing"."unused_state" AS ENUM ('draft', 'it''s done')`, 'DROP TYPE IF EXISTS "billing"."unused_state"'],
      [`CREATE TYPE "Unused Kind" AS ENUM ('a')`, 'DROP TYPE IF EXISTS "Unused Kind"'],
      [
        `CREATE DOMAIN "email_address" AS character varying(255) CONSTRAINT email_address_has_at CHECK (((VALUE)::text ~~ '%@%'::text))`,
        'DROP DOMAIN IF EXISTS "email_address"',
      ],
      [
        `CREATE DOMAIN "billing"."positive_amount" AS numeric(10,2) DEFAULT 1 NOT NULL CONSTRAINT positive_amount_check CHECK ((VALUE > (0)::numeric))`,
        'DROP DOMAIN IF EXISTS "billing"."positive_amount"',
      ],
      [`CREATE TYPE "channel" AS ENUM ('mail', 'phone')`, 'DROP TYPE IF EXISTS "channel"'],
      [`CREATE DOMAIN "contact_channel" AS channel DEFAULT 'mail'::channel`, 'DROP DOMAIN IF EXISTS "contact_channel"'],
    ];
    expect(upgradeBody.slice(2, firstTable).map(sqlOf)).toEqual(prelude.map(([create]) => create));
    const downgradeBody = statements('downgrade');
    expect(downgradeBody.slice(-2)).toEqual([`await op.dropSchema('ext');`, `await op.dropSchema('billing');`]);
    expect(downgradeBody.slice(-2 - prelude.length, -2).map(sqlOf)).toEqual(prelude.map(([, drop]) => drop).reverse());
    expect(source).not.toContain('MANUAL');

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
    expect(body(source, 'upgrade').match(/await op\.\w+\(.*/g)).toEqual([`await op.addColumn('tag', { name: 'note', type: 'text', isNullable: true });`]);
    expect(body(source, 'downgrade').match(/await op\.\w+\(.*/g)).toEqual([`await op.dropColumn('tag', { name: 'note', type: 'text', isNullable: true });`]);

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
