/**
 * PostgreSQL dropTable that also drops the table's enum types (TypeORM's `dropTable` leaves them
 * behind; see postgres-enum-types.ts). A type another table still uses is kept.
 */
import type { Table } from 'typeorm';
import { tableOps } from '../../ops/impl/table-ops';
import { cachedTable, peekCachedTable } from '../../ops/table-cache';
import { toTable } from '../../ops/to-typeorm';
import type { TableSpec } from '../../ops/types';
import type { ExecutionContext, OpImplementation } from '../../ops/execution';
import { dropEnumTypes, enumTypesLeftUnused, isEnumColumn } from './enum-types';

/** The table as it is before the drop: cached, else the catalog, else the op's own spec (offline). */
async function tableBeforeDrop(ctx: ExecutionContext, name: string, spec: TableSpec | undefined): Promise<Table | undefined> {
  const cached = peekCachedTable(ctx.queryRunner, name);
  if (cached) return cached;
  if (await ctx.queryRunner.hasTable(name)) return cachedTable(ctx.queryRunner, name);
  return spec ? toTable(spec) : undefined;
}

export const postgresDropTable: OpImplementation<'dropTable'> = async (op, ctx) => {
  const spec = typeof op.table === 'string' ? undefined : op.table;
  // The common case: a full spec without enum columns needs no catalog lookups.
  if (spec && !spec.columns.some(isEnumColumn)) return tableOps.dropTable(op, ctx);
  const name = spec ? spec.name : (op.table as string);
  const table = await tableBeforeDrop(ctx, name, spec);
  const unused = table ? await enumTypesLeftUnused(ctx, name, table.columns) : [];
  await tableOps.dropTable(op, ctx);
  await dropEnumTypes(ctx, unused);
};
