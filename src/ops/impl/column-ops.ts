/**
 * addColumn, dropColumn, renameColumn and the shared alterColumn (TypeORM's `changeColumn`, which
 * is data-safe on SQLite: it rebuilds the table with INSERT … SELECT). PostgreSQL and MySQL
 * override alterColumn, because there TypeORM drops and re-adds a column whose type changes.
 */
import type { OpImplementations } from '../execution';
import { replaceCachedColumn } from '../table-cache';
import { toTableColumn } from '../to-typeorm';
import { columnToAlter, findColumn, tableOf } from './lookup';
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
    const { old, next } = await columnToAlter(op, ctx);
    if (hasGeneratedExpression(next)) await ensureMetadataTable(ctx);
    await ctx.sink.viaQueryRunner((qr) => qr.changeColumn(op.table, old, next));
    replaceCachedColumn(ctx.queryRunner, op.table, op.column, next);
  },
};
