/**
 * addColumn, dropColumn, renameColumn and the shared alterColumn (TypeORM's `changeColumn`, which
 * is data-safe on SQLite: it rebuilds the table with INSERT … SELECT). PostgreSQL and MySQL
 * override alterColumn, because there TypeORM drops and re-adds a column whose type changes.
 */
import type { OpImplementations } from '../execution';
import { peekCachedTable, replaceCachedColumn, replaceTable } from '../table-cache';
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
    // The database drops a foreign key on the column with it (PostgreSQL); TypeORM's cached table
    // keeps it, and a later dropTable in the same run (an offline script) would drop it again.
    const cached = peekCachedTable(ctx.queryRunner, op.table);
    if (cached?.foreignKeys.some((fk) => fk.columnNames.includes(name))) {
      const changed = cached.clone();
      changed.foreignKeys = changed.foreignKeys.filter((fk) => !fk.columnNames.includes(name));
      replaceTable(ctx.queryRunner, cached, changed);
    }
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
