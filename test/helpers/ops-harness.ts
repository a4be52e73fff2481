/**
 * Shared set-up for the op tests: a fresh database, an `op` object wired to `executeOp` exactly
 * as the runner wires it, and a schema snapshot to compare before and after a reversed op.
 */
import { DataSource, type QueryRunner } from 'typeorm';
import { dialectFor } from '../../src/dialects';
import type { Dialect } from '../../src/dialects';
import type { ExecutionContext } from '../../src/ops/execution';
import { executeOp } from '../../src/ops/execute';
import { fromTable } from '../../src/ops/from-typeorm';
import { Operations } from '../../src/ops/operations';
import type { Op, TableSpec } from '../../src/ops/types';
import { LiveSink, OfflineSink } from '../../src/runtime/statement-sink';
import { reverseOp } from '../../src/ops/reverse';
import type { TestDatabase } from './databases';
import { perTest } from './per-test';

export interface OpsHarness {
  db: TestDatabase;
  dataSource: DataSource;
  queryRunner: QueryRunner;
  dialect: Dialect;
  ctx: ExecutionContext;
  /** Each call runs as one revision does: dialect hooks, transaction, pre-commit check. */
  op: Operations;
  run(op: Op): Promise<void>;
  /** Ops without the revision wrapper, for a test that opens its own revision (`inRevision`). */
  bare: Operations;
  inRevision(body: () => Promise<void>): Promise<void>;
  /** The table as the database has it now (read on a separate runner, so caches are untouched). */
  table(name: string): Promise<TableSpec | undefined>;
  /** Every table and view, in a form that compares equal when the schema is the same. */
  snapshot(): Promise<unknown>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function openHarness(db: TestDatabase, mode: 'live' | 'offline' = 'live'): Promise<OpsHarness & { sink: LiveSink | OfflineSink }> {
  const dataSource = new DataSource(db.options);
  await dataSource.initialize();
  const queryRunner = dataSource.createQueryRunner();
  const reader = dataSource.createQueryRunner();
  const dialect = dialectFor(dataSource);
  const sink = mode === 'live' ? new LiveSink(queryRunner, dialect) : new OfflineSink(queryRunner, dialect);
  const ctx: ExecutionContext = { queryRunner, dataSource, dialect, sink };
  const execute = (op: Op) => executeOp(op, ctx);
  /** What the runner does around a revision: hooks (SQLite: FK enforcement off), transaction, check. */
  const inRevision = async (body: () => Promise<void>) => {
    await dialect.beforeTransaction?.(sink);
    if (!sink.offline) await queryRunner.startTransaction();
    try {
      await body();
      await dialect.beforeCommit?.(sink);
      if (!sink.offline) await queryRunner.commitTransaction();
    } catch (error) {
      if (!sink.offline) await queryRunner.rollbackTransaction();
      throw error;
    } finally {
      await dialect.afterTransaction?.(sink);
    }
  };
  const run = (op: Op) => inRevision(() => execute(op));
  const ignored = new Set(['sqlite_sequence', dataSource.metadataTableName]);

  const table = async (name: string) => {
    const found = await reader.getTable(name);
    return found ? normalize(fromTable(found)) : undefined;
  };
  return {
    db,
    dataSource,
    queryRunner,
    dialect,
    ctx,
    sink,
    op: new Operations(run),
    run,
    bare: new Operations(execute),
    inRevision,
    table,
    async snapshot() {
      // MySQL's getTables() without names reads every database on the server.
      const names = await dialect.introspection.tableNames(reader);
      const tables = (names.length === 0 ? [] : await reader.getTables(names)).filter((t) => !ignored.has(t.name.replace(/^public\./, '')));
      const views = (await reader.getViews()).map((v) => v.name).sort();
      return { tables: tables.map((t) => normalize(fromTable(t))).sort((a, b) => a.name.localeCompare(b.name)), views };
    },
    rows: (sql) => reader.query(sql),
    async close() {
      await reader.release();
      await queryRunner.release();
      await dataSource.destroy();
    },
  };
}

/** Order-insensitive: a reversed drop re-adds a column at the end, which is still the same schema. */
function normalize(spec: TableSpec): TableSpec {
  const byName = <T extends { name?: string }>(items: T[] | undefined) =>
    items && [...items].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  return {
    ...spec,
    columns: byName(spec.columns)!,
    indices: byName(spec.indices),
    uniques: byName(spec.uniques),
    checks: byName(spec.checks),
    foreignKeys: byName(spec.foreignKeys),
  };
}

/** The schema most tests start from: a parent, a child that cascades, and a few rows. */
export const parentSpec: TableSpec = {
  name: 'parent',
  columns: [
    { name: 'id', type: 'integer', isPrimary: true },
    { name: 'email', type: 'varchar', length: '255', isNullable: false },
    { name: 'score', type: 'integer', isNullable: true },
  ],
};

export const childSpec: TableSpec = {
  name: 'child',
  columns: [
    { name: 'id', type: 'integer', isPrimary: true },
    { name: 'parent_id', type: 'integer', isNullable: false },
    { name: 'note', type: 'varchar', length: '100', isNullable: true },
  ],
  foreignKeys: [
    { name: 'fk_child_parent', columnNames: ['parent_id'], referencedTableName: 'parent', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
  ],
};

export async function seedParentChild(h: OpsHarness): Promise<void> {
  await h.op.createTable(parentSpec);
  await h.op.createTable(childSpec);
  await h.op.bulkInsert('parent', [
    { id: 1, email: 'a@example.com', score: 10 },
    { id: 2, email: 'b@example.com', score: 20 },
  ]);
  await h.op.bulkInsert('child', [
    { id: 1, parent_id: 1, note: 'x' },
    { id: 2, parent_id: 1, note: 'y' },
    { id: 3, parent_id: 2, note: null },
  ]);
}

/**
 * For the tests of a describe block: before each, a fresh database seeded with parent and child,
 * opened as a harness; after each, closed and its database dropped.
 */
export function seededHarnessPerTest(create: () => Promise<TestDatabase>): OpsHarness {
  return perTest(
    async () => {
      const h = await openHarness(await create());
      await seedParentChild(h);
      return h;
    },
    async (h) => {
      await h.close();
      await h.db.drop();
    },
  );
}

/** Run an op, check its effect, run its inverse, and require the schema to be as before. */
export async function roundTrip(h: OpsHarness, op: Op, check: () => Promise<void>): Promise<void> {
  const before = await h.snapshot();
  await h.run(op);
  await check();
  await h.run(reverseOp(op));
  expect(await h.snapshot()).toEqual(before);
}
