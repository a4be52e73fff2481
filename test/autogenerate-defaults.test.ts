/**
 * Column defaults the database stores in another spelling than the entity writes them: array
 * defaults (`default: []`, `'{}'`, `['a', 'b c']`, `ARRAY[1,2]`), function defaults in any case
 * (`NOW()`, `LOCALTIMESTAMP`, `GEN_RANDOM_UUID()`) or with casts and operators PostgreSQL rewrites
 * (`md5(random()::text)`, `NOW() + INTERVAL '1 day'`), and one table of boolean and timestamp
 * defaults (`default: 1` or `'true'` on a boolean, `CURRENT_TIMESTAMP(6)`, the date columns of
 * `@CreateDateColumn` and friends, a timestamp default written as the string `'now()'`).
 *
 * Each set: autogenerate → upgrade → `check` is empty. A default PostgreSQL rewrote goes back
 * into the database as it was when a revision that drops or changes it is downgraded, and a
 * default that compares equal across a type change (`true`, `1`) is still written for the new type.
 * Needs PostgreSQL, SQLite and (boolean keywords) MariaDB.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createMysqlDatabase, createPostgresDatabase, createSqliteDatabase, withConnection } from './helpers/databases';
import { projectPerTest, type TestProject } from './helpers/project';
import { autogenerateAndUpgrade, pendingOps } from './helpers/round-trip';

const IMPORTS = `import { Column, CreateDateColumn, DeleteDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';\n`;

/** Column decorator lines, by property name (a list: named c0, c1, …). */
type Columns = readonly string[] | Readonly<Record<string, string>>;

/** An entity `Defaults` on table `defaults` with the given columns. */
function defaultsEntity(decorators: Columns): string {
  // Date columns without a type take it from the property's design type.
  const tsType = (d: string) => (/DateColumn/.test(d) ? 'Date' : /VersionColumn/.test(d) ? 'number' : 'unknown');
  const named = Array.isArray(decorators) ? decorators.map((d, i) => [`c${i}`, d] as const) : Object.entries(decorators);
  const columns = named.map(([name, d]) => `  ${d}\n  ${name}!: ${tsType(d)};`);
  return `${IMPORTS}\n@Entity('defaults')\nexport class Defaults {\n  @PrimaryGeneratedColumn()\n  id!: number;\n\n${columns.join('\n\n')}\n}\n`;
}

/**
 * The project's entity file, as a new file each time: the in-process CLI keeps modules it loaded,
 * so a rewritten file under the same name would not be read again.
 */
function writeEntity(project: TestProject, source: string): void {
  const dir = join(project.dir, 'entities');
  if (existsSync(dir)) for (const name of readdirSync(dir)) project.remove(`entities/${name}`);
  project.write(`entities/defaults.v${++entityVersion}.ts`, source);
}
let entityVersion = 0;

async function roundTrip(project: TestProject, decorators: Columns): Promise<string[]> {
  writeEntity(project, defaultsEntity(decorators));
  await autogenerateAndUpgrade(project, 'defaults');
  return pendingOps(project);
}

const POSTGRES = {
  arrays: [
    `@Column({ type: 'text', array: true, default: [] })`,
    `@Column({ type: 'text', array: true, default: () => "'{}'" })`,
    `@Column({ type: 'text', array: true, default: '{}' })`,
    `@Column({ type: 'int', array: true, default: [] })`,
    `@Column({ type: 'int', array: true, default: '{}' })`,
    `@Column({ type: 'int', array: true, default: [1, 2] })`,
    `@Column({ type: 'int', array: true, default: () => 'ARRAY[1,2]' })`,
    `@Column({ type: 'int', array: true, default: () => 'ARRAY[]::integer[]' })`,
    `@Column({ type: 'varchar', length: 20, array: true, default: () => "ARRAY['a','b']" })`,
    `@Column({ type: 'text', array: true, default: ['a', 'b c'] })`,
    `@Column({ type: 'text', array: true, default: () => "ARRAY['a']" })`,
    `@Column({ type: 'enum', enum: ['a', 'b'], array: true, default: ['a'] })`,
  ],
  functions: [
    `@Column({ type: 'timestamp', default: () => 'NOW()' })`,
    `@Column({ type: 'timestamp', default: () => 'Now()' })`,
    `@Column({ type: 'timestamp', default: () => 'current_timestamp' })`,
    `@Column({ type: 'timestamp', default: () => 'LOCALTIMESTAMP' })`,
    `@Column({ type: 'timestamp', precision: 3, default: () => 'LOCALTIMESTAMP(3)' })`,
    `@Column({ type: 'date', default: () => 'CURRENT_DATE' })`,
    `@Column({ type: 'uuid', default: () => 'gen_random_uuid()' })`,
    `@Column({ type: 'uuid', default: () => 'GEN_RANDOM_UUID()' })`,
    `@Column({ type: 'uuid', default: () => 'uuid_generate_v4()' })`,
    `@Column({ type: 'text', default: () => 'md5(random()::text)' })`,
    `@Column({ type: 'int', default: () => 'floor(random() * 10)' })`,
    `@Column({ type: 'timestamptz', default: () => "NOW() + INTERVAL '1 day'" })`,
    `@Column({ type: 'timestamp', default: () => "timezone('utc', NOW())" })`,
    `@Column({ type: 'text', default: () => "COALESCE(NULL, 'A')" })`,
  ],
  booleansAndTimestamps: [
    `@Column({ type: 'boolean', default: true })`,
    `@Column({ type: 'boolean', default: false })`,
    `@Column({ type: 'boolean', default: 'true' })`,
    `@Column({ type: 'boolean', default: 1 })`,
    `@Column({ type: 'boolean', default: 0 })`,
    `@Column({ type: 'boolean', default: () => 'TRUE' })`,
    `@Column({ type: 'timestamp', default: () => 'CURRENT_TIMESTAMP' })`,
    `@Column({ type: 'timestamp', precision: 6, default: () => 'CURRENT_TIMESTAMP(6)' })`,
    `@Column({ type: 'timestamptz', default: () => 'NOW()' })`,
    `@Column({ type: 'timestamp', default: 'now()' })`,
    `@Column({ type: 'timestamp', default: () => "'2020-01-01'" })`,
    `@CreateDateColumn({ type: 'timestamptz', default: () => 'CURRENT_TIMESTAMP(6)' })`,
    `@UpdateDateColumn({ type: 'timestamptz', precision: 3 })`,
    `@DeleteDateColumn()`,
    `@VersionColumn()`,
  ],
};

const SQLITE = {
  arrays: [
    `@Column({ type: 'simple-array', default: '' })`,
    `@Column({ type: 'simple-json', default: '[]' })`,
    `@Column({ type: 'json', default: '{}' })`,
    `@Column({ type: 'json', default: () => "'[]'" })`,
  ],
  functions: [
    `@Column({ type: 'datetime', default: () => 'CURRENT_TIMESTAMP' })`,
    `@Column({ type: 'datetime', default: () => 'current_timestamp' })`,
    `@Column({ type: 'datetime', default: () => "datetime('now')" })`,
    `@Column({ type: 'datetime', default: () => "DATETIME('now')" })`,
    `@Column({ type: 'datetime', default: () => "(STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW'))" })`,
    `@Column({ type: 'date', default: () => 'CURRENT_DATE' })`,
    `@Column({ type: 'text', default: () => 'lower(hex(randomblob(16)))' })`,
  ],
  booleansAndTimestamps: [
    `@Column({ type: 'boolean', default: true })`,
    `@Column({ type: 'boolean', default: false })`,
    `@Column({ type: 'boolean', default: 1 })`,
    `@Column({ type: 'boolean', default: () => 'TRUE' })`,
    `@Column({ type: 'datetime', default: () => 'CURRENT_TIMESTAMP' })`,
    `@Column({ type: 'datetime', precision: 6, default: () => 'CURRENT_TIMESTAMP' })`,
    `@CreateDateColumn()`,
    `@CreateDateColumn({ precision: 3 })`,
    `@UpdateDateColumn()`,
    `@DeleteDateColumn()`,
    `@VersionColumn()`,
  ],
};

describe.each([
  ['postgres', createPostgresDatabase, POSTGRES],
  ['sqlite', createSqliteDatabase, SQLITE],
] as const)('column defaults on %s', (dialect, createDatabase, sets) => {
  const project = projectPerTest(createDatabase, 'defaults');
  beforeEach(async () => {
    project.writeConfig({ entities: ['entities/*.ts'] });
    if (dialect === 'postgres') await withConnection(project.db, (ds) => ds.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`));
  });

  test('array defaults: nothing pending after upgrade', async () => {
    expect(await roundTrip(project, sets.arrays)).toEqual([]);
  });

  test('function defaults in any case: nothing pending after upgrade', async () => {
    expect(await roundTrip(project, sets.functions)).toEqual([]);
  });

  test('one table of boolean and timestamp defaults: nothing pending after upgrade', async () => {
    expect(await roundTrip(project, sets.booleansAndTimestamps)).toEqual([]);
  });
});

describe('defaults PostgreSQL rewrote, through a downgrade', () => {
  const project = projectPerTest(createPostgresDatabase, 'defaults');
  beforeEach(() => project.writeConfig({ entities: ['entities/*.ts'] }));

  test('dropped and changed, then downgraded: the defaults are back as they were', async () => {
    const storedDefaults = () =>
      withConnection(project.db, (ds) =>
        ds.query(`SELECT column_name, column_default FROM information_schema.columns WHERE table_name = 'defaults' ORDER BY column_name`),
      );
    expect(
      await roundTrip(project, [
        `@Column({ type: 'text', array: true, default: () => "ARRAY['a']" })`,
        `@Column({ type: 'int', array: true, default: () => 'ARRAY[]::integer[]' })`,
        `@Column({ type: 'text', default: () => 'md5(random()::text)' })`,
      ]),
    ).toEqual([]);
    const before = await storedDefaults();
    expect(before).toContainEqual({ column_name: 'c0', column_default: "ARRAY['a'::text]" });
    // c0 is dropped; c1 and c2 get other defaults.
    expect(
      await roundTrip(project, {
        c1: `@Column({ type: 'int', array: true, default: () => 'ARRAY[1]' })`,
        c2: `@Column({ type: 'text', default: 'x' })`,
      }),
    ).toEqual([]);
    const downgrade = await project.cli('downgrade', '-1');
    expect(downgrade.stderr).toBe('');
    expect(downgrade.code).toBe(0);
    expect(await storedDefaults()).toEqual(before);
  });
});

describe('a default that reads the same on another type', () => {
  const project = projectPerTest(createPostgresDatabase, 'defaults');
  beforeEach(() => project.writeConfig({ entities: ['entities/*.ts'] }));

  test('boolean default true → integer default 1: the default is written for the new type, both ways', async () => {
    expect(await roundTrip(project, { flag: `@Column({ type: 'boolean', default: true })` })).toEqual([]);
    expect(await roundTrip(project, { flag: `@Column({ type: 'integer', default: 1 })` })).toEqual([]);
    const downgrade = await project.cli('downgrade', '-1');
    expect(downgrade.stderr).toBe('');
    expect(downgrade.code).toBe(0);
  });
});

describe('boolean keyword defaults on MariaDB', () => {
  const project = projectPerTest(() => createMysqlDatabase(), 'defaults');
  beforeEach(() => project.writeConfig({ entities: ['entities/*.ts'] }));

  test('TRUE and FALSE are stored as 1 and 0: nothing pending after upgrade', async () => {
    expect(await roundTrip(project, [`@Column({ type: 'boolean', default: () => 'TRUE' })`, `@Column({ type: 'boolean', default: () => 'false' })`])).toEqual([]);
  });
});
