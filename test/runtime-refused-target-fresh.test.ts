/**
 * A target refused on a database no revision ever ran on leaves no trace: on SQLite not even the
 * database file (once it was created, with the migration-lock table in it), on PostgreSQL no table.
 * Entities TypeORM refuses at initialize leave no SQLite file either. In-process CLI; PostgreSQL and SQLite.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DIALECTS, sqliteFile, withConnection } from './helpers/databases';
import { createTableOp, dropTableOp, projectPerTest, type CliResult } from './helpers/project';

const REFUSED: [args: string[], fragment: string][] = [
  [['upgrade', 'nosuchrev'], "No revision matches 'nosuchrev'"],
  [['upgrade', 'aaaa+5'], 'aaaa'],
  [['downgrade', '-1'], 'only 0 are applied'],
  [['downgrade', '+1'], 'goes forward'],
  [['downgrade', 'bbbb'], 'bbbb'],
  [['stamp', 'nosuchrev'], "No revision matches 'nosuchrev'"],
];

describe.each(Object.entries(DIALECTS))('a refused target on a fresh %s database', (name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'refused-fresh');
  beforeEach(() => {
    project.writeConfig();
    project.writeRevision('aaaa00000001', null, createTableOp('alpha'), dropTableOp('alpha'), 'alpha');
    project.writeRevision('bbbb00000002', 'aaaa00000001', createTableOp('beta'), dropTableOp('beta'), 'beta');
  });

  function expectOneLine(result: CliResult, fragment: string): void {
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(fragment);
  }

  /** Every table in the database, ours (the SQLite lock table included) and any other. */
  async function everyTable(): Promise<string[]> {
    if (name === 'sqlite') {
      if (!existsSync(sqliteFile(project.db))) return [];
      return withConnection(project.db, async (ds) => (await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)).map((r: { name: string }) => r.name));
    }
    const rows: { name: string }[] = await withConnection(project.db, (ds) =>
      ds.query(`SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`),
    );
    return rows.map((r) => r.name);
  }

  test.each(REFUSED)('%j is refused and writes nothing', async (args, fragment) => {
    expectOneLine(await project.cli(...args), fragment);
    if (name === 'sqlite') expect(existsSync(sqliteFile(project.db))).toBe(false);
    expect(await everyTable()).toEqual([]);
  });

  test('the same targets on an existing database without our tables: no lock table either', async () => {
    await withConnection(project.db, (ds) => ds.query('CREATE TABLE app_data (id integer)'));
    for (const [args, fragment] of REFUSED) expectOneLine(await project.cli(...args), fragment);
    expect(await everyTable()).toEqual([name === 'sqlite' ? 'app_data' : 'public.app_data']);
  });
});

describe('SQLite: entities TypeORM refuses at initialize', () => {
  const project = projectPerTest(DIALECTS.sqlite, 'refused-entities');

  test('leave no database file, and no folder made for it', async () => {
    // No primary column: TypeORM refuses the entity after its driver opened (created) the file.
    project.write('entities/keyless.ts', [`import { Column, Entity } from 'typeorm';`, `@Entity()`, `export class Keyless {`, `  @Column('int') n!: number;`, `}`, ``].join('\n'));
    const file = join(project.dir, 'data', 'nested', 'app.sqlite');
    project.write('entity-migrate.config.json', JSON.stringify({ url: `sqlite:${file}`, entities: ['entities/*.ts'] }));
    const result = await project.cli('revision', '--autogenerate', '-m', 'first');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Keyless');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(join(project.dir, 'data'))).toBe(false);
  });

  test('an existing empty folder stays', async () => {
    project.write('entities/keyless.ts', [`import { Column, Entity } from 'typeorm';`, `@Entity()`, `export class Keyless {`, `  @Column('int') n!: number;`, `}`, ``].join('\n'));
    mkdirSync(join(project.dir, 'data'));
    const file = join(project.dir, 'data', 'app.sqlite');
    project.write('entity-migrate.config.json', JSON.stringify({ url: `sqlite:${file}`, entities: ['entities/*.ts'] }));
    expect((await project.cli('revision', '--autogenerate', '-m', 'first')).code).toBe(1);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(join(project.dir, 'data'))).toEqual([]);
  });
});
