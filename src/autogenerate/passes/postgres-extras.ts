/**
 * What a PostgreSQL revision needs that TypeORM's diff leaves out or gets wrong:
 * - `CREATE SCHEMA` for the non-default schemas new tables live in (TypeORM never emits it);
 * - an index declared `concurrent` cannot be built inside a transaction. On a table created in
 *   the same revision it is pointless (the table is empty and nobody holds it), so it is built
 *   normally there; on an existing table the op keeps `isConcurrent` and the runner executes it
 *   outside the revision's transaction (see {@link runsOutsideTransaction}).
 *
 * Enum types shared by several columns need no op here: ops execute one at a time and TypeORM
 * checks whether the type exists before creating it.
 */
import type { Op } from '../../ops/types';
import { splitTableName } from '../../ops/table-path';
import type { PassContext, PassState } from './pass';
import { isConcurrentIndexOp } from '../../ops/concurrent-index';

/** Ops the runner executes between transactions (see `isConcurrentIndexOp`). */
export const runsOutsideTransaction = isConcurrentIndexOp;

export interface PostgresExtrasContext extends PassContext {
  /** Schemas that already exist in the database. */
  existingSchemas: ReadonlySet<string>;
}

function newSchemas(ops: readonly Op[], ctx: PostgresExtrasContext): string[] {
  const schemas = new Set<string>();
  for (const op of ops) {
    const name = op.kind === 'createTable' ? op.table.name : op.kind === 'createView' ? op.view.name : undefined;
    const schema = name === undefined ? undefined : splitTableName(name).schema;
    if (schema && schema !== ctx.defaultSchema && !ctx.existingSchemas.has(schema)) schemas.add(schema);
  }
  return [...schemas];
}

export function postgresExtras(state: PassState, ctx: PostgresExtrasContext): PassState {
  if (ctx.dialect !== 'postgres') return state;
  const ops = state.ops.map((op): Op => {
    if (op.kind !== 'createTable' || !op.table.indices?.some((i) => i.isConcurrent)) return op;
    const indices = op.table.indices.map(({ isConcurrent: _ignored, ...index }) => index);
    return { ...op, table: { ...op.table, indices } };
  });
  const schemaOps: Op[] = newSchemas(ops, ctx).map((schema) => ({ kind: 'createSchema', schema }));
  return { ...state, ops: [...schemaOps, ...ops] };
}
