/**
 * Autogenerate and check on a database built by hand: its constraints and indexes carry their own
 * names (`team_pkey`, `team_name_key`, `idx_team_region`, `fk_member_team`, `team_size_check`),
 * the entities describe the same schema under TypeORM's default names. A name alone is no change;
 * with `strictNames` it is; a real change beside the renamed ones is still found, and so is a
 * changed definition under a hand-chosen name. PostgreSQL, SQLite and MariaDB.
 */
import { DataSource, type DataSourceOptions } from 'typeorm';
import { createMigrator } from '../src';
import { resolveEntities } from '../src/load/entities';
import { createMysqlDatabase, DIALECTS, withConnection, type TestDatabase } from './helpers/databases';
import { withProject, type TestProject } from './helpers/project';
import { rejection } from './helpers/rejection';

type Dialect = TestDatabase['dialect'];

/** The schema as a person would write it: every constraint and index named by hand. */
const HAND_BUILT: Record<Dialect, string[]> = {
  postgres: [
    `CREATE TABLE team (
       id serial CONSTRAINT team_pkey PRIMARY KEY,
       name varchar(50) NOT NULL CONSTRAINT team_name_key UNIQUE,
       code varchar(10) NOT NULL,
       region varchar(10) NOT NULL,
       slug varchar(20) NOT NULL,
       size integer NOT NULL,
       active boolean NOT NULL,
       CONSTRAINT team_code_region_key UNIQUE (code, region),
       CONSTRAINT team_size_check CHECK (size > 0))`,
    `CREATE INDEX idx_team_region ON team (region)`,
    `CREATE UNIQUE INDEX idx_team_slug ON team (slug)`,
    `CREATE INDEX idx_team_active_name ON team (name) WHERE active`,
    `CREATE INDEX idx_team_region_size ON team (region, size)`,
    `CREATE TABLE member (
       id serial CONSTRAINT member_pkey PRIMARY KEY,
       team_id integer NOT NULL,
       CONSTRAINT fk_member_team FOREIGN KEY (team_id) REFERENCES team (id) ON DELETE CASCADE)`,
  ],
  // As SQLite tools write it (TypeORM reads SQLite's constraint names out of quoted DDL).
  sqlite: [
    `CREATE TABLE "team" (
       "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
       "name" varchar(50) NOT NULL,
       "code" varchar(10) NOT NULL,
       "region" varchar(10) NOT NULL,
       "slug" varchar(20) NOT NULL,
       "size" integer NOT NULL,
       "active" boolean NOT NULL,
       CONSTRAINT "team_name_key" UNIQUE ("name"),
       CONSTRAINT "team_code_region_key" UNIQUE ("code", "region"),
       CONSTRAINT "team_size_check" CHECK (size > 0))`,
    `CREATE INDEX idx_team_region ON team (region)`,
    `CREATE UNIQUE INDEX idx_team_slug ON team (slug)`,
    `CREATE INDEX idx_team_active_name ON team (name) WHERE active`,
    `CREATE INDEX idx_team_region_size ON team (region, size)`,
    `CREATE TABLE "member" (
       "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
       "team_id" integer NOT NULL,
       CONSTRAINT "fk_member_team" FOREIGN KEY ("team_id") REFERENCES "team" ("id") ON DELETE CASCADE)`,
  ],
  // No partial indexes, and TypeORM keeps no checks, on MySQL/MariaDB.
  mysql: [
    `CREATE TABLE team (
       id int NOT NULL AUTO_INCREMENT,
       name varchar(50) NOT NULL,
       code varchar(10) NOT NULL,
       region varchar(10) NOT NULL,
       slug varchar(20) NOT NULL,
       size int NOT NULL,
       active tinyint NOT NULL,
       CONSTRAINT team_pkey PRIMARY KEY (id),
       UNIQUE KEY team_name_key (name),
       UNIQUE KEY team_code_region_key (code, region),
       KEY idx_team_region (region),
       UNIQUE KEY idx_team_slug (slug),
       KEY idx_team_region_size (region, size)) ENGINE=InnoDB`,
    `CREATE TABLE member (
       id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
       team_id int NOT NULL,
       CONSTRAINT fk_member_team FOREIGN KEY (team_id) REFERENCES team (id) ON DELETE CASCADE) ENGINE=InnoDB`,
  ],
};

interface Variant {
  /** A real change: one more index, on columns nothing else indexes. */
  extraIndex?: boolean;
  /** A real change that rebuilds both tables on SQLite: one more column each. */
  extraColumns?: boolean;
  /** Changed definitions under the hand-chosen names: index column order, FK action, check. */
  changedDefinitions?: boolean;
}

/** The same schema as entities, every name left to TypeORM's naming strategy. */
function entities(dialect: Dialect, variant: Variant = {}): string {
  const hasChecks = dialect !== 'mysql';
  const changed = variant.changedDefinitions;
  return `
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('team')
@Unique(['code', 'region'])
@Index(['region'])
@Index(${changed ? `['size', 'region']` : `['region', 'size']`})
${hasChecks ? `@Check(${JSON.stringify(changed ? '"size" >= 0' : '"size" > 0')})` : ''}
${dialect !== 'mysql' ? `@Index(['name'], { where: '"active"' })` : ''}
${variant.extraIndex ? `@Index(['code', 'size'])` : ''}
export class Team {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 50, unique: true }) name!: string;
  @Column({ length: 10 }) code!: string;
  @Column({ length: 10 }) region!: string;
  @Index({ unique: true }) @Column({ length: 20 }) slug!: string;
  @Column() size!: number;
  @Column() active!: boolean;
  ${variant.extraColumns ? `@Column({ default: 0 }) rank!: number;` : ''}
}

@Entity('member')
export class Member {
  @PrimaryGeneratedColumn() id!: number;
  @Column() team_id!: number;
  ${variant.extraColumns ? `@Column({ length: 20, default: 'player' }) role!: string;` : ''}
  @ManyToOne(() => Team, { onDelete: ${changed ? `'NO ACTION'` : `'CASCADE'`} }) @JoinColumn({ name: 'team_id' }) team!: Team;
}
`;
}

interface PendingOp {
  kind: string;
  table: string;
  index?: { name: string; columnNames: string[] };
  unique?: { name: string };
  foreignKey?: { name: string; onDelete?: string };
  check?: { name: string; expression: string };
  column?: { name: string };
}

/** `check --json`'s exit code and ops. */
async function pending(project: TestProject): Promise<{ code: number; ops: PendingOp[] }> {
  const result = await project.cli('check', '--json');
  expect([0, 2]).toContain(result.code);
  return { code: result.code, ops: (JSON.parse(result.stdout) as { ops: PendingOp[] }).ops };
}

const nameOf = (op: PendingOp) => op.index?.name ?? op.unique?.name ?? op.foreignKey?.name ?? op.check?.name;
const dropsOf = (ops: PendingOp[]) => ops.filter((o) => o.kind.startsWith('drop')).map((o) => `${o.kind} ${nameOf(o)}`).sort();

/** The drops `strictNames` asks for: each hand-chosen name TypeORM matches by name on that database. */
const EVERY_KIND = [
  'dropCheck team_size_check',
  'dropForeignKey fk_member_team',
  'dropIndex idx_team_active_name',
  'dropIndex idx_team_region',
  'dropIndex idx_team_region_size',
  'dropIndex idx_team_slug',
  'dropUnique team_code_region_key',
];
const RENAMED: Record<Dialect, string[]> = {
  postgres: EVERY_KIND,
  sqlite: EVERY_KIND,
  // MySQL keeps uniques as unique indexes, and a unique on one column is the column's isUnique.
  mysql: [
    'dropForeignKey fk_member_team',
    'dropIndex idx_team_region',
    'dropIndex idx_team_region_size',
    'dropIndex idx_team_slug',
    'dropIndex team_code_region_key',
    'dropIndex team_name_key',
  ],
};

const dialects: [string, () => Promise<TestDatabase>][] = [...Object.entries(DIALECTS), ['mariadb', () => createMysqlDatabase()]];

describe.each(dialects)('constraint and index names on %s', (_name, createDatabase) => {
  /** A project on a hand-built database, adopted: an empty first revision, stamped. */
  async function adopted(fn: (project: TestProject, dialect: Dialect) => Promise<void>): Promise<void> {
    await withProject(await createDatabase(), 'constraint-names', async (project) => {
      const dialect = project.db.dialect;
      await withConnection(project.db, async (ds) => {
        for (const sql of HAND_BUILT[dialect]) await ds.query(sql);
      });
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.writeRevision('a1b2c3d4e5f6', null, '', '', 'adopt');
      expect((await project.cli('stamp', 'head')).code).toBe(0);
      await fn(project, dialect);
    });
  }

  test('names alone are no change; strictNames makes them drop + create', async () => {
    await adopted(async (project, dialect) => {
      project.write('entities/team.ts', entities(dialect));
      expect(await pending(project)).toEqual({ code: 0, ops: [] });

      project.writeConfig({ entities: ['entities/*.ts'], strictNames: true });
      const strict = await pending(project);
      expect(strict.code).toBe(2);
      expect(dropsOf(strict.ops)).toEqual(RENAMED[dialect]);
      // Each comes back under TypeORM's name (a unique on one column, on MySQL, as the column's isUnique).
      const creates = strict.ops.filter((o) => o.kind.startsWith('create') || o.kind === 'alterColumn');
      expect(creates).toHaveLength(RENAMED[dialect].length);
      for (const op of creates.filter((o) => o.kind !== 'alterColumn')) expect(nameOf(op)).toMatch(/^(IDX|UQ|FK|CHK)_/);
    });
  });

  test('a real change beside the renamed constraints is found, and applies cleanly', async () => {
    await adopted(async (project, dialect) => {
      project.write('entities/team.ts', entities(dialect, { extraIndex: true, extraColumns: true }));
      const { code, ops } = await pending(project);
      expect(code).toBe(2);
      expect(ops.map((o) => `${o.kind} ${o.table} ${o.index?.columnNames.join(',') ?? o.column?.name ?? ''}`).sort()).toEqual([
        'addColumn member role',
        'addColumn team rank',
        'createIndex team code,size',
      ]);
      expect((await project.cli('revision', '--autogenerate', '-m', 'rank and role')).code).toBe(0);
      const upgraded = await project.cli('upgrade', 'head');
      expect(upgraded.stderr).toBe('');
      expect(upgraded.code).toBe(0);
      expect(await pending(project)).toEqual({ code: 0, ops: [] });
      // The hand-chosen names survived (SQLite rebuilt both tables for their new columns).
      project.writeConfig({ entities: ['entities/*.ts'], strictNames: true });
      expect(dropsOf((await pending(project)).ops)).toEqual(RENAMED[dialect]);
    });
  });

  test('a changed definition under a hand-chosen name is still a drop + create', async () => {
    await adopted(async (project, dialect) => {
      project.write('entities/team.ts', entities(dialect, { changedDefinitions: true }));
      const { code, ops } = await pending(project);
      expect(code).toBe(2);
      expect(dropsOf(ops)).toEqual(
        ['dropForeignKey fk_member_team', 'dropIndex idx_team_region_size', ...(dialect === 'mysql' ? [] : ['dropCheck team_size_check'])].sort(),
      );
      expect(ops.find((o) => o.kind === 'createIndex')?.index?.columnNames).toEqual(['size', 'region']);
      expect(ops.find((o) => o.kind === 'createForeignKey')?.foreignKey?.onDelete).toBe('NO ACTION');
      if (dialect !== 'mysql') expect(ops.find((o) => o.kind === 'createCheck')?.check?.expression).toBe('"size" >= 0');
      expect(ops).toHaveLength(dialect === 'mysql' ? 4 : 6);
      expect((await project.cli('revision', '--autogenerate', '-m', 'changed')).code).toBe(0);
      expect((await project.cli('upgrade', 'head')).code).toBe(0);
      expect(await pending(project)).toEqual({ code: 0, ops: [] });
    });
  });

  test('the API: createMigrator({ strictNames })', async () => {
    await adopted(async (project, dialect) => {
      project.write('entities/team.ts', entities(dialect));
      const dataSource = new DataSource({ ...project.db.options, entities: await resolveEntities(['entities/*.ts'], project.dir) } as DataSourceOptions);
      const migrationsDir = `${project.dir}/migrations`;
      try {
        const lenient = await createMigrator({ dataSource, migrationsDir });
        expect((await lenient.check()).ops).toEqual([]);
        const strict = await createMigrator({ dataSource, migrationsDir, strictNames: true });
        expect(dropsOf((await strict.check()).ops as PendingOp[])).toEqual(RENAMED[dialect]);
        const error = await rejection(createMigrator({ dataSource, migrationsDir, strictNames: 'yes' as unknown as boolean }));
        expect(error.message).toBe('createMigrator(): "strictNames" must be true or false, got "yes"');
      } finally {
        if (dataSource.isInitialized) await dataSource.destroy();
      }
    });
  });
});
