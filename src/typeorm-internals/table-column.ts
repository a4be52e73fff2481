/**
 * TableColumn members that differ between the lines: TypeORM 0.3.x's TableColumn has MySQL's
 * display `width` and `zerofill`; 1.x removed both (they read as undefined there).
 */
import type { TableColumn } from 'typeorm';

export interface TypeOrm03ColumnFields {
  /** Display width (`INT(4)`), MySQL; 0.3.x only. */
  width?: number;
  /** `ZEROFILL`, MySQL; 0.3.x only. */
  zerofill?: boolean;
}

/** A TableColumn of either line. */
export type AnyTableColumn = TableColumn & TypeOrm03ColumnFields;

/** The same column, typed with the 0.3.x-only members. */
export function anyTableColumn(column: TableColumn): AnyTableColumn {
  return column;
}
