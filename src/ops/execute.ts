/**
 * Executing an op: one implementation per op kind (Alembic's `toimpl.py`), shared across
 * databases and mostly backed by TypeORM's QueryRunner, with the dialect's `opOverrides` taking
 * precedence where a database needs its own SQL.
 */
import type { ExecutionContext, OpImplementations } from './execution';
import { columnOps } from './impl/column-ops';
import { constraintOps } from './impl/constraint-ops';
import { dataOps } from './impl/data-ops';
import { schemaOps } from './impl/schema-ops';
import { tableOps } from './impl/table-ops';
import type { Op } from './types';

export const sharedOpImplementations: OpImplementations = {
  ...tableOps,
  ...columnOps,
  ...constraintOps,
  ...schemaOps,
  ...dataOps,
};

export async function executeOp(op: Op, ctx: ExecutionContext): Promise<void> {
  const online = 'online' in op && op.online ? ctx.dialect.onlineOps?.[op.kind] : undefined;
  const implementation = online ?? ctx.dialect.opOverrides[op.kind] ?? sharedOpImplementations[op.kind];
  // The table is keyed by kind, so the implementation found always takes this op's type.
  const run = () => (implementation as (op: Op, ctx: ExecutionContext) => Promise<void>)(op, ctx);
  await (ctx.dialect.aroundOp ? ctx.dialect.aroundOp(op, ctx, run) : run());
}

/** Execute a list of ops as one batch (as a revision's ops run): deferred work is done at the end. */
export async function executeOps(ops: readonly Op[], ctx: ExecutionContext): Promise<void> {
  const batch = { ...ctx, batch: true };
  for (const op of ops) await executeOp(op, batch);
  await ctx.dialect.afterOps?.(batch);
}
