/**
 * PostgreSQL dropColumn. TypeORM drops an enum column's type together with the column, even when
 * another column still uses that type (a shared `enumName`), and PostgreSQL then refuses the whole
 * revision. Drop the column as a plain one, and the type only when nothing else uses it.
 */
import { columnOps } from '../../ops/impl/column-ops';
import { findColumn, tableOf } from '../../ops/impl/lookup';
import type { OpImplementation } from '../../ops/execution';
import { dropEnumTypes, enumTypesLeftUnused, isEnumColumn } from './enum-types';

export const postgresDropColumn: OpImplementation<'dropColumn'> = async (op, ctx) => {
  const name = typeof op.column === 'string' ? op.column : op.column.name;
  const table = await tableOf(ctx, op.table);
  const column = findColumn(table, op.table, name);
  if (!isEnumColumn(column)) return columnOps.dropColumn(op, ctx);
  const unused = await enumTypesLeftUnused(ctx, op.table, [column], true);
  const plain = column.clone();
  plain.type = 'text';
  plain.enum = undefined;
  await ctx.sink.viaQueryRunner((qr) => qr.dropColumn(op.table, plain));
  await dropEnumTypes(ctx, unused);
};
