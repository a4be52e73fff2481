/**
 * Indices on a materialized view (`@Index` on a `@ViewEntity({ materialized: true })`). TypeORM's
 * schema builder makes them with the runner's createViewIndex, and autogenerate records them as
 * createIndex/dropIndex ops on the view's name; the shared implementations look the name up as a
 * table and failed ("Table "user_view" does not exist"). An index op whose target is a view, and
 * not a table, goes through TypeORM's view-index methods. Offline (`--sql`) the catalog cannot be
 * asked, and such an op stays with the table path.
 */
import type { View } from 'typeorm';
import type { ExecutionContext, OpImplementation } from '../../ops/execution';
import { constraintOps } from '../../ops/impl/constraint-ops';
import { toTableIndex } from '../../ops/to-typeorm';
import { postgresRunner } from '../../typeorm-internals';

/** The materialized (or plain) view named `name`, when no table has that name. */
async function viewOnly(ctx: ExecutionContext, name: string): Promise<View | undefined> {
  if (ctx.sink.offline || (await ctx.queryRunner.hasTable(name))) return undefined;
  return ctx.queryRunner.getView(name);
}

export const postgresCreateIndex: OpImplementation<'createIndex'> = async (op, ctx) => {
  const view = await viewOnly(ctx, op.table);
  if (!view) return constraintOps.createIndex(op, ctx);
  await ctx.sink.viaQueryRunner((qr) => postgresRunner(qr).createViewIndex(view, toTableIndex(op.index)));
};

export const postgresDropIndex: OpImplementation<'dropIndex'> = async (op, ctx) => {
  const view = await viewOnly(ctx, op.table);
  if (!view) return constraintOps.dropIndex(op, ctx);
  const name = typeof op.index === 'string' ? op.index : op.index.name;
  const index = view.indices.find((i) => i.name === name) ?? (typeof op.index === 'string' ? undefined : toTableIndex(op.index));
  if (!index) return constraintOps.dropIndex(op, ctx); // reports the missing index as for a table
  await ctx.sink.viaQueryRunner((qr) => postgresRunner(qr).dropViewIndex(view, index));
};
