/**
 * addColumn, dropColumn, renameColumn and the shared alterColumn (TypeORM's `changeColumn`, which
 * is data-safe on SQLite: it rebuilds the table with INSERT … SELECT). PostgreSQL and MySQL
 * override alterColumn, because there TypeORM drops and re-adds a column whose type changes.
 */
import type { Table, TableColumn } from 'typeorm';
import type { OpImplementations } from '../../dialects/dialect';
import { replaceCachedColumn } from '../table-cache';
import { toTableColumn } from '../to-typeorm';
import { findColumn, tableOf } from './lookup';
import { mergeColumn } from './merge-column';
import { ensureMetadataTable, hasGeneratedExpression } from './metadata-table';

export const columnOps: Pick<OpImplementations, 'addColumn' | 'dropColumn' | 'renameColumn' | 'alterColumn'> = {
  async addColumn(op, ctx) {
    if (hasGeneratedExpression(op.column)) await ensureMetadataTable(ctx);
    await ctx.sink.viaQueryRunner((qr) => qr.addColumn(op.table, toTableColumn(op.column)));
  },

  async dropColumn(op, ctx) {
    const name = typeof op.column === 'string' ? op.column : op.column.name;
    const table = await tableOf(ctx, op.table);
    findColumn(table, op.table, name);
    await ctx.sink.viaQueryRunner((qr) => qr.dropColumn(op.table, name));
  },

  async renameColumn(op, ctx) {
    const table = await tableOf(ctx, op.table);
    findColumn(table, op.table, op.from);
    await ctx.sink.viaQueryRunner((qr) => qr.renameColumn(op.table, op.from, op.to));
  },

  async alterColumn(op, ctx) {
    const table = await tableOf(ctx, op.table);
    const old = findColumn(table, op.table, op.column);
    const next = mergeColumn(ctx.dataSource, old, op.changes);
    if (hasGeneratedExpression(next)) await ensureMetadataTable(ctx);
    await ctx.sink.viaQueryRunner((qr) => qr.changeColumn(withoutDroppedUnique(table, old, next), old, next));
    replaceCachedColumn(ctx.queryRunner, op.table, op.column, next);
  },
};

/**
 * TypeORM's SQLite `changeColumn` rebuilds the table from its `uniques`, and adds a constraint for
 * a column that becomes unique but never removes the one of a column that stops being unique (the
 * rebuilt table keeps `CONSTRAINT "UQ_…" UNIQUE ("email")`). Hand it the table without that one.
 */
function withoutDroppedUnique(table: Table, old: TableColumn, next: TableColumn): Table | string {
  if (!old.isUnique || next.isUnique) return table.name;
  const changed = table.clone();
  changed.uniques = changed.uniques.filter((u) => !(u.columnNames.length === 1 && u.columnNames[0] === old.name));
  return changed;
}
