/**
 * Indices on a materialized view (`@Index` on a `@ViewEntity({ materialized: true })`). TypeORM's
 * schema builder makes them with the runner's createViewIndex, and autogenerate records them as
 * createIndex/dropIndex ops on the view's name; the shared implementations look the name up as a
 * table and failed ("Table "user_view" does not exist"). An index op whose target is a view, and
 * not a table, goes through TypeORM's view-index methods.
 */
import type { View } from 'typeorm';
import type { ExecutionContext, OpImplementation } from '../../ops/execution';
import { constraintOps } from '../../ops/impl/constraint-ops';
import { toTableIndex } from '../../ops/to-typeorm';
import { postgresRunner } from '../../typeorm-internals';
import { OpError } from '../../errors';
import { isConcurrentIndexOp } from '../../ops/concurrent-index';
import type { Op } from '../../ops/types';
import { createIndexConcurrently, dropIndexConcurrently } from './online-ops';

/**
 * The view named `name`, asked only after the table path found no table (so an index op on a table,
 * the common case, costs no extra catalog query). TypeORM's lookup throws before running any SQL,
 * so the transaction is still usable. Offline the catalog cannot be asked.
 */
async function viewOnly(ctx: ExecutionContext, name: string): Promise<View | undefined> {
  return ctx.sink.offline ? undefined : ctx.queryRunner.getView(name);
}

/** Runs the shared implementation; when its table is missing and a view has the name, `onView`. */
async function tableOrView(ctx: ExecutionContext, name: string, onTable: () => Promise<void>, onView: (view: View) => Promise<void>): Promise<void> {
  try {
    await onTable();
  } catch (error) {
    const view = await viewOnly(ctx, name);
    if (!view) throw error;
    await onView(view);
  }
}

/** `isConcurrent` or `{ online: true }`: built or dropped CONCURRENTLY, between transactions. */
export const isConcurrentOnPostgres = (op: Op): boolean => isConcurrentIndexOp(op) || ((op.kind === 'createIndex' || op.kind === 'dropIndex') && op.online === true);

export const postgresCreateIndex: OpImplementation<'createIndex'> = (op, ctx) =>
  tableOrView(
    ctx,
    op.table,
    () => (isConcurrentOnPostgres(op) ? createIndexConcurrently(op, ctx) : constraintOps.createIndex(op, ctx)),
    (view) => ctx.sink.viaQueryRunner((qr) => postgresRunner(qr).createViewIndex(view, toTableIndex(op.index))),
  );

export const postgresDropIndex: OpImplementation<'dropIndex'> = (op, ctx) =>
  tableOrView(
    ctx,
    op.table,
    () => (isConcurrentOnPostgres(op) ? dropIndexConcurrently(op, ctx) : constraintOps.dropIndex(op, ctx)),
    async (view) => {
      const name = typeof op.index === 'string' ? op.index : op.index.name;
      const index = view.indices.find((i) => i.name === name) ?? (typeof op.index === 'string' ? undefined : toTableIndex(op.index));
      if (!index) throw new OpError('OP_INVALID', `index "${name}" not found on view "${op.table}"`);
      await ctx.sink.viaQueryRunner((qr) => postgresRunner(qr).dropViewIndex(view, index));
    },
  );
