/**
 * PostgreSQL, autogenerate's fix-up of loaded tables: TypeORM 0.3 reads a PostgreSQL enum type's labels in creation order; after `ADD VALUE … BEFORE`
 * that is not the type's order, and a spec carrying it rebuilt the type in the wrong order on
 * downgrade (found by the property test on 0.3). The loaded tables are corrected from pg_enum.
 * Needs PostgreSQL.
 */
import { DataSource, Table, TableColumn } from 'typeorm';
import { fixEnumLabelOrder } from '../src/dialects/postgres/enum-label-order';
import { createPostgresDatabase, type TestDatabase } from './helpers/databases';

describe('enum labels of loaded tables are put in the type order (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    db = await createPostgresDatabase();
    dataSource = await new DataSource(db.options).initialize();
    await dataSource.query(`CREATE SCHEMA other`);
    await dataSource.query(`CREATE TYPE post_state AS ENUM ('a b')`);
    await dataSource.query(`ALTER TYPE post_state ADD VALUE 'draft' BEFORE 'a b'`);
    await dataSource.query(`ALTER TYPE post_state ADD VALUE 'later' BEFORE 'a b'`);
    await dataSource.query(`CREATE TABLE post (id serial PRIMARY KEY, state post_state, states post_state[])`);
    await dataSource.query(`CREATE TYPE other.mood AS ENUM ('x', 'z')`);
    await dataSource.query(`ALTER TYPE other.mood ADD VALUE 'y' AFTER 'x'`);
    await dataSource.query(`CREATE TABLE other.note (id serial PRIMARY KEY, mood other.mood)`);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  test('scalar and array enum columns, in the default and another schema, get pg_enum order', async () => {
    const enumColumn = (name: string, values: string[], isArray = false) => new TableColumn({ name, type: 'enum', enum: values, isArray });
    // As TypeORM 0.3 reads them: creation order.
    const post = new Table({ name: 'post', columns: [enumColumn('state', ['a b', 'draft', 'later']), enumColumn('states', ['a b', 'draft', 'later'], true)] });
    const note = new Table({ name: 'other.note', columns: [enumColumn('mood', ['x', 'z', 'y'])] });
    // A column whose labels are not the type's (an entity's view) is left alone.
    const stray = new Table({ name: 'post', columns: [enumColumn('state', ['draft', 'gone'])] });
    const runner = dataSource.createQueryRunner();
    try {
      await fixEnumLabelOrder(runner, [post, note, stray]);
    } finally {
      await runner.release();
    }
    expect(post.columns.map((c) => c.enum)).toEqual([['draft', 'later', 'a b'], ['draft', 'later', 'a b']]);
    expect(note.columns[0].enum).toEqual(['x', 'y', 'z']);
    expect(stray.columns[0].enum).toEqual(['draft', 'gone']);
  });
});
