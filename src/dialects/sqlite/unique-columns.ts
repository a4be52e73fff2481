/**
 * SQLite addColumn / alterColumn that keep a column's UNIQUE constraint right.
 *
 * TypeORM's SQLite runner rebuilds the table from its `uniques`. For a column that is unique but
 * has no entry there, `createTableSql` adds one named after the table it is building, which during
 * a rebuild is `temporary_<table>`: the constraint gets a name no entity and no earlier revision
 * has, so a downgrade does not restore the schema it replaced. And for a column that stops being
 * unique, the entry stays, so the rebuilt table keeps the constraint. Both are decided here,
 * before TypeORM sees the table: the entry is added with the name TypeORM gives it everywhere else
 * (`uniqueConstraintName(<table>, [column])`), or removed.
 */
import { TableUnique, type Table, type TableColumn } from 'typeorm';
import { columnToAlter, tableOf } from '../../ops/impl/lookup';
import { ensureMetadataTable, hasGeneratedExpression } from '../../ops/impl/metadata-table';
import { replaceCachedColumn } from '../../ops/table-cache';
import { toTableColumn } from '../../ops/to-typeorm';
import type { ExecutionContext, OpImplementation } from '../../ops/execution';

const onlyOn = (name: string) => (u: TableUnique) => u.columnNames.length === 1 && u.columnNames[0] === name;

/** The table as TypeORM should rebuild it: with (or without) the single-column unique of `column`. */
function withUnique(ctx: ExecutionContext, table: Table, column: TableColumn, oldName = column.name): Table {
  const changed = table.clone();
  const existing = changed.uniques.find(onlyOn(oldName));
  if (!column.isUnique) {
    changed.uniques = changed.uniques.filter((u) => u !== existing);
  } else if (!existing) {
    const name = ctx.dataSource.namingStrategy.uniqueConstraintName(table, [column.name]);
    changed.uniques.push(new TableUnique({ name, columnNames: [column.name] }));
  }
  return changed;
}

export const sqliteAddColumn: OpImplementation<'addColumn'> = async (op, ctx) => {
  const column = toTableColumn(op.column);
  if (hasGeneratedExpression(op.column)) await ensureMetadataTable(ctx);
  if (!column.isUnique) {
    await ctx.sink.viaQueryRunner((qr) => qr.addColumn(op.table, column));
    return;
  }
  const table = await tableOf(ctx, op.table);
  await ctx.sink.viaQueryRunner((qr) => qr.addColumn(withUnique(ctx, table, column), column));
};

export const sqliteAlterColumn: OpImplementation<'alterColumn'> = async (op, ctx) => {
  const { table, old, next } = await columnToAlter(op, ctx);
  if (hasGeneratedExpression(next)) await ensureMetadataTable(ctx);
  const target = !!old.isUnique === !!next.isUnique ? op.table : withUnique(ctx, table, next, old.name);
  await ctx.sink.viaQueryRunner((qr) => qr.changeColumn(target, old, next));
  replaceCachedColumn(ctx.queryRunner, op.table, op.column, next);
};
