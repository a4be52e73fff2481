/**
 * An index the database cannot build would autogenerate a revision that fails at upgrade
 * (PostgreSQL: "data type point has no default operator class for access method btree" for a
 * plain `@Index()` on a `point` column). The dialect says which of the indexes (and unique
 * constraints) the ops create it would refuse; autogenerate then stops with one line naming the
 * entity, the column and what to write instead.
 */
import { Table, type DataSource } from 'typeorm';
import type { IndexRefusal, PlannedIndex } from '../../dialects';
import { EntityMigrateError } from '../../errors';
import { bareTableName } from '../../ops/table-path';
import type { ColumnSpec, IndexSpec, Op } from '../../ops/types';
import { columnSpec } from '../specs';
import type { Pass, PassContext } from './pass';

/** The entity that owns `table`, if one does. */
function entityOf(dataSource: DataSource, table: string) {
  const tables = dataSource.entityMetadatas.filter((m) => m.tableType !== 'view' && m.tableType !== 'entity-child');
  return tables.find((m) => m.tablePath === table) ?? tables.find((m) => bareTableName(m.tablePath) === bareTableName(table));
}

/** The columns the entities declare for `table` (none for a table no entity describes). */
function entityColumns(dataSource: DataSource): (table: string) => readonly ColumnSpec[] {
  const known = new Map<string, readonly ColumnSpec[]>();
  return (table) => {
    let columns = known.get(table);
    if (!columns) {
      const metadata = entityOf(dataSource, table);
      columns = metadata ? Table.create(metadata, dataSource.driver).columns.map(columnSpec) : [];
      known.set(table, columns);
    }
    return columns;
  };
}

/**
 * Every index and unique constraint the ops create, with its columns' definitions: as the ops
 * create them (a new table, an added column), else as `declared` says.
 */
export function plannedIndexes(ops: readonly Op[], declared: (table: string) => readonly ColumnSpec[]): PlannedIndex[] {
  const created = new Map<string, ColumnSpec[]>();
  for (const op of ops) {
    if (op.kind === 'createTable') created.set(op.table.name, [...op.table.columns]);
    if (op.kind === 'addColumn') created.set(op.table, [...(created.get(op.table) ?? []), op.column]);
  }
  const column = (table: string, name: string) =>
    created.get(table)?.find((c) => c.name === name) ?? declared(table).find((c) => c.name === name);
  const planned: PlannedIndex[] = [];
  const plan = (table: string, index: IndexSpec) => {
    planned.push({ table, index, columns: index.columnNames.flatMap((n) => column(table, n) ?? []) });
  };
  const unique = (name: string | undefined, columnNames: string[]): IndexSpec => ({ ...(name && { name }), columnNames, isUnique: true });
  for (const op of ops) {
    if (op.kind === 'createTable') {
      const { name } = op.table;
      for (const index of op.table.indices ?? []) plan(name, index);
      for (const u of op.table.uniques ?? []) plan(name, unique(u.name, u.columnNames));
      for (const c of op.table.columns) if (c.isUnique && !c.isPrimary) plan(name, unique(undefined, [c.name]));
    } else if (op.kind === 'createIndex') plan(op.table, op.index);
    else if (op.kind === 'createUnique') plan(op.table, unique(op.unique.name, op.unique.columnNames));
    else if (op.kind === 'addColumn' && op.column.isUnique) plan(op.table, unique(undefined, [op.column.name]));
  }
  return planned;
}

/** `index IDX_x on Place.location (table "place", column "location"): <reason>` */
function refusalLine(dataSource: DataSource, planned: PlannedIndex, refusal: IndexRefusal): string {
  const metadata = entityOf(dataSource, planned.table);
  const property = metadata?.columns.find((c) => c.databaseName === refusal.column)?.propertyPath;
  const owner = metadata && property ? `${metadata.name}.${property} ` : '';
  const what = planned.index.isUnique ? 'unique index' : 'index';
  const name = planned.index.name ? ` ${planned.index.name}` : '';
  return `${what}${name} on ${owner}(table "${planned.table}", column "${refusal.column}"): ${refusal.reason}`;
}

export async function refuseUnbuildableIndexes(ops: readonly Op[], ctx: PassContext): Promise<void> {
  const check = ctx.dialect.introspection.unbuildableIndexes?.bind(ctx.dialect.introspection);
  if (!check) return;
  const planned = plannedIndexes(ops, entityColumns(ctx.dataSource));
  if (planned.length === 0) return;
  const refusals = await check(ctx.dataSource, planned);
  const at = refusals.findIndex((r) => r !== undefined);
  if (at < 0) return;
  throw new EntityMigrateError('UNBUILDABLE_INDEX', refusalLine(ctx.dataSource, planned[at]!, refusals[at]!));
}

export const unbuildableIndexesPass: Pass = {
  name: 'unbuildable-indexes',
  async run(state, ctx) {
    await refuseUnbuildableIndexes(state.ops, ctx);
    return state;
  },
};
