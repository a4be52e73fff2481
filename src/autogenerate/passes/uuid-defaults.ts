/**
 * TypeORM reads (on PostgreSQL) a uuid column whose default is a uuid function (`gen_random_uuid()`,
 * `uuid_generate_v4()`) as a "generated uuid" column, and forgets which function it was. Recreated
 * from that (the downgrade of a dropped table or column, the inverse of an alter), TypeORM writes
 * its own generator: `uuid_generate_v4()` unless the data source says `uuidExtension: 'pgcrypto'`,
 * which needs the uuid-ossp extension and is not what the column had. Ops that carry an existing
 * column get the function back as an explicit default wherever it differs from TypeORM's.
 */
import type { UuidFunctionDefaults as UuidDefaults } from '../../dialects';
import type { ColumnSpec, Op } from '../../ops/types';
import { applyChanges, columnChanges } from '../column-changes';
import { replaceOps, type Pass, type PassState } from './pass';

function restore(table: string, column: ColumnSpec, ctx: UuidDefaults): ColumnSpec {
  if (!column.isGenerated || column.generationStrategy !== 'uuid' || column.default !== undefined) return column;
  const actual = ctx.live.get(`${table}.${column.name}`);
  if (actual === undefined || actual === ctx.generator) return column;
  const { isGenerated: _g, generationStrategy: _s, ...rest } = column;
  return { ...rest, default: actual };
}

export function restoreUuidDefaults(state: PassState, ctx: UuidDefaults): PassState {
  if (ctx.live.size === 0) return state;
  return replaceOps(state, (op): Op => {
    if (op.kind === 'dropTable' && typeof op.table !== 'string') {
      const spec = op.table;
      return { ...op, table: { ...spec, columns: spec.columns.map((c) => restore(spec.name, c, ctx)) } };
    }
    if (op.kind === 'dropColumn' && typeof op.column !== 'string') return { ...op, column: restore(op.table, op.column, ctx) };
    if (op.kind === 'alterColumn' && op.existing) {
      const existing = restore(op.table, op.existing, ctx);
      if (existing === op.existing) return op;
      return { ...op, existing, changes: columnChanges(existing, applyChanges(op.existing, op.changes)) };
    }
    return op;
  });
}

/** Where the dialect knows which uuid function each column had (PostgreSQL), it is put back. */
export const uuidDefaultsPass: Pass = {
  name: 'uuid-defaults',
  async run(state, ctx) {
    const { introspection } = ctx.dialect;
    if (!introspection.uuidFunctionDefaults) return state;
    return restoreUuidDefaults(state, await introspection.uuidFunctionDefaults(ctx.dataSource, ctx.scope));
  },
};
