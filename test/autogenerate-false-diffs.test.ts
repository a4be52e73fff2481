/**
 * Zero false diffs: after the schema is created — by TypeORM's synchronize or by applying our own
 * generated ops — comparing again reports nothing, for the column features TypeORM's diff has
 * historically mis-compared (function/null/array/json/enum defaults, decimals, precision, uuid).
 */
import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { compareSchema } from '../src/autogenerate/compare';
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from './helpers/databases';
import { applyOps } from './fixtures/autogenerate/apply-ops';
import { KitchenSink } from './fixtures/autogenerate/kitchen-sink';
import { OddDefaults } from './fixtures/autogenerate/odd-defaults';
import { SqliteSink } from './fixtures/autogenerate/sqlite-sink';

type EntityList = NonNullable<DataSourceOptions['entities']>;

async function withDataSource<T>(db: TestDatabase, entities: EntityList, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = await new DataSource({ ...db.options, entities } as DataSourceOptions).initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

const cases: [string, () => Promise<TestDatabase>, EntityList][] = [
  ['postgres kitchen sink', createPostgresDatabase, [KitchenSink]],
  ['postgres odd defaults', createPostgresDatabase, [OddDefaults]],
  ['sqlite sink', createSqliteDatabase, [SqliteSink]],
];

describe.each(cases)('%s', (_name, create, entities) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await create();
    if (db.dialect === 'postgres') {
      await withDataSource(db, [], (ds) => ds.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`));
    }
  });
  afterEach(async () => {
    await db.drop();
  });

  test('created by synchronize → nothing pending', async () => {
    await withDataSource(db, entities, (ds) => ds.synchronize());
    const result = await withDataSource(db, entities, (ds) => compareSchema(ds));
    expect(result.ops).toEqual([]);
  });

  test('created by our generated ops → nothing pending', async () => {
    await withDataSource(db, entities, async (ds) => applyOps(ds, (await compareSchema(ds)).ops));
    const result = await withDataSource(db, entities, (ds) => compareSchema(ds));
    expect(result.ops).toEqual([]);
  });
});
