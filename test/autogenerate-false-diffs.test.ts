/**
 * Autogenerate reports zero false diffs: after the schema is created — by TypeORM's synchronize or
 * by applying our own generated ops — comparing again reports nothing, for the column features
 * TypeORM's diff has historically mis-compared (function/null/array/json/enum defaults, decimals,
 * precision, uuid, `unique` on a primary key column). Needs PostgreSQL and SQLite.
 */
import 'reflect-metadata';
import { compareSchema } from '../src/autogenerate/compare';
import { createPostgresDatabase, createSqliteDatabase, databasePerTest, withDataSource, type EntityList, type TestDatabase } from './helpers/databases';
import { applyOps } from './fixtures/autogenerate/apply-ops';
import { KitchenSink } from './fixtures/autogenerate/kitchen-sink';
import { OddDefaults } from './fixtures/autogenerate/odd-defaults';
import { SqliteSink } from './fixtures/autogenerate/sqlite-sink';
import { UniqueInCompositeKey, UniquePrimary } from './fixtures/autogenerate/unique-primary';

const cases: [string, () => Promise<TestDatabase>, EntityList][] = [
  ['postgres kitchen sink', createPostgresDatabase, [KitchenSink]],
  ['postgres odd defaults', createPostgresDatabase, [OddDefaults]],
  ['sqlite sink', createSqliteDatabase, [SqliteSink]],
  ['postgres unique primary keys', createPostgresDatabase, [UniquePrimary, UniqueInCompositeKey]],
  ['sqlite unique primary keys', createSqliteDatabase, [UniquePrimary, UniqueInCompositeKey]],
];

describe.each(cases)('no false diffs on the %s', (_name, create, entities) => {
  const db = databasePerTest(create);
  beforeEach(async () => {
    if (db.dialect === 'postgres') {
      await withDataSource(db, [], (ds) => ds.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`));
    }
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
