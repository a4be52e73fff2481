/**
 * A database whose generated column was made by hand (or by another tool) has no typeorm_metadata
 * table, and TypeORM's table loaders asked that table for the column's expression and failed:
 * `relation "typeorm_metadata" does not exist` on `check`, on `baseline`, and on any revision that
 * alters the table (TypeORM loads a table before it changes it). The runners we make now read such
 * a table as if the metadata table were empty. PostgreSQL, SQLite and MariaDB.
 */
import 'reflect-metadata';
import { EntitySchema } from 'typeorm';
import { compareSchema } from '../src/autogenerate/compare';
import { createMysqlDatabase, DIALECTS, tableNames, withConnection, withDataSource, type TestDatabase } from './helpers/databases';
import { projectPerTest } from './helpers/project';

const GENERATED: Record<TestDatabase['dialect'], string> = {
  postgres: `CREATE TABLE gadget (id integer PRIMARY KEY, name varchar(40) NOT NULL, shout varchar(40) GENERATED ALWAYS AS (upper(name)) STORED)`,
  sqlite: `CREATE TABLE gadget (id integer PRIMARY KEY NOT NULL, name varchar(40) NOT NULL, shout varchar(40) GENERATED ALWAYS AS (upper(name)) STORED)`,
  mysql: `CREATE TABLE gadget (id int PRIMARY KEY, name varchar(40) NOT NULL, shout varchar(40) AS (upper(name)) STORED)`,
};

/** Straight from the catalog: TypeORM's own loader is what failed. */
async function columnNames(db: TestDatabase): Promise<string[]> {
  const sql = {
    postgres: `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'gadget' AND table_schema = current_schema() ORDER BY ordinal_position`,
    mysql: `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'gadget' AND table_schema = DATABASE() ORDER BY ordinal_position`,
    sqlite: `SELECT name FROM pragma_table_xinfo('gadget') ORDER BY cid`,
  }[db.dialect];
  return withConnection(db, async (ds) => ((await ds.query(sql)) as { name: string }[]).map((r) => r.name));
}

const Gadget = new EntitySchema({
  name: 'gadget',
  columns: {
    id: { type: Number, primary: true },
    name: { type: 'varchar', length: 40 },
  },
});

describe.each([...Object.entries(DIALECTS), ['mariadb', createMysqlDatabase] as const])('a hand-made generated column on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase);

  beforeEach(async () => {
    await withConnection(project.db, (ds) => ds.query(GENERATED[project.db.dialect]));
    project.writeConfig();
  });

  test('a revision that alters its table runs, both ways', async () => {
    project.writeRevision(
      'a1',
      null,
      `await op.addColumn('gadget', { name: 'extra', type: 'integer', isNullable: true });`,
      `await op.dropColumn('gadget', 'extra');`,
    );
    const up = await project.cli('upgrade', 'head');
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(await columnNames(project.db)).toEqual(['id', 'name', 'shout', 'extra']);
    expect((await project.cli('downgrade', 'base')).code).toBe(0);
    // Nothing was created on the way: the metadata table is still absent.
    expect(await tableNames(project.db)).not.toContain('typeorm_metadata');
  });

  test('autogenerate reads the table (the entity leaves the generated column out: its drop is the diff)', async () => {
    const result = await withDataSource(project.db, [Gadget], (ds) => compareSchema(ds));
    expect(result.ops).toEqual([expect.objectContaining({ kind: 'dropColumn', table: 'gadget', column: expect.objectContaining({ name: 'shout' }) })]);
  });
});
