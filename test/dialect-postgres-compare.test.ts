/**
 * PostgreSQL, what autogenerate's comparison (`compareSchema`) adds there: CREATE SCHEMA, a shared
 * enum type, concurrent indices, M:N join tables, views. Needs PostgreSQL.
 */
import 'reflect-metadata';
import { compareSchema } from '../src/autogenerate/compare';
import { isConcurrentIndexOp as runsOutsideTransaction } from '../src/ops/concurrent-index';
import { createPostgresDatabase, databasePerTest, withDataSource } from './helpers/databases';
import { applyOps } from './fixtures/autogenerate/apply-ops';
import { AuditEvent, AuditTag, AuditTagV2, EventNames } from './fixtures/autogenerate/postgres-extras';

const db = databasePerTest(createPostgresDatabase);

test('entities in a new schema: createSchema first, shared enum once, applies cleanly, then nothing pending', async () => {
  const v1 = [AuditTag, AuditEvent, EventNames];
  const result = await withDataSource(db, v1, (ds) => compareSchema(ds));
  expect(result.ops[0]).toEqual({ kind: 'createSchema', schema: 'audit' });
  const created = result.ops.flatMap((op) => (op.kind === 'createTable' ? [op.table.name] : []));
  expect(created).toEqual(expect.arrayContaining(['audit.tag', 'audit.event', 'audit.event_tags_tag']));
  // The join table comes after both tables it references, with its foreign keys inline.
  expect(created.indexOf('audit.event_tags_tag')).toBeGreaterThan(Math.max(created.indexOf('audit.tag'), created.indexOf('audit.event')));
  // An index on a table created in the same revision is built normally (inside the transaction).
  expect(result.ops.some(runsOutsideTransaction)).toBe(false);
  expect(result.ops.at(-1)).toMatchObject({ kind: 'createView', view: { name: 'event_names' } });

  await withDataSource(db, v1, (ds) => applyOps(ds, result.ops));
  const enums = await withDataSource(db, [], (ds) => ds.query(`SELECT typname FROM pg_type WHERE typname = 'audit_level'`));
  expect(enums).toHaveLength(1);
  expect((await withDataSource(db, v1, (ds) => compareSchema(ds))).ops).toEqual([]);
});

test('a concurrent index on an existing table is flagged to run outside the transaction', async () => {
  await withDataSource(db, [AuditTag], async (ds) => applyOps(ds, (await compareSchema(ds)).ops));
  const result = await withDataSource(db, [AuditTagV2], (ds) => compareSchema(ds));
  expect(result.ops).toEqual([
    { kind: 'createIndex', table: 'audit.tag', index: { name: 'IDX_tag_level', columnNames: ['level'], isConcurrent: true } },
  ]);
  expect(runsOutsideTransaction(result.ops[0])).toBe(true);
});
