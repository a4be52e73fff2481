/**
 * Which columns a constraint op stands on, and which columns an op list changes: a pass that
 * removes a drop + create of a constraint leaves alone those on changed columns, which TypeORM
 * recreates around the change for a reason. Columns are `table\0column`.
 */
import type { Op } from '../../ops/types';

const on = (table: string, names: readonly string[]) => names.map((n) => `${table}\u0000${n}`);

/** The columns a constraint op involves (a foreign key: its own and the referenced ones); none for other ops. */
export function involvedColumns(op: Op): string[] {
  switch (op.kind) {
    case 'createIndex':
    case 'dropIndex':
      return typeof op.index === 'string' ? [] : on(op.table, op.index.columnNames);
    case 'createUnique':
    case 'dropUnique':
      return typeof op.unique === 'string' ? [] : on(op.table, op.unique.columnNames);
    case 'createForeignKey':
    case 'dropForeignKey':
      return typeof op.foreignKey === 'string'
        ? []
        : [...on(op.table, op.foreignKey.columnNames), ...on(op.foreignKey.referencedTableName, op.foreignKey.referencedColumnNames)];
    case 'createCheck':
    case 'dropCheck':
      return typeof op.check === 'string' ? [] : on(op.table, op.check.columnNames ?? []);
    case 'createPrimaryKey':
    case 'dropPrimaryKey':
      return on(op.table, op.columnNames);
    default:
      return [];
  }
}

/** The columns altered, renamed (both names), added or dropped by `ops`. */
export function changedColumns(ops: readonly Op[]): Set<string> {
  return new Set(
    ops.flatMap((op) => {
      switch (op.kind) {
        case 'alterColumn':
          return on(op.table, [op.column]);
        case 'renameColumn':
          return on(op.table, [op.from, op.to]);
        case 'addColumn':
        case 'dropColumn':
          return on(op.table, [typeof op.column === 'string' ? op.column : op.column.name]);
        default:
          return [];
      }
    }),
  );
}
