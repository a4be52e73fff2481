/**
 * Integer display widths (`tinyint(1)`, `int(5)`): TypeORM 1.x neither reads nor writes them
 * (MySQL deprecated them in 8.0.17), so a baseline of a hand-built `tinyint(1)` column, the usual
 * spelling of a boolean, created a `tinyint(4)` one. The catalog's COLUMN_TYPE has the width;
 * where it is not the server's default for the type, it is put where TypeORM 1.x writes it, the
 * column's `length` (`createFullType` appends it in parentheses). TypeORM 0.3 reads and writes
 * `width` itself. For baseline only: entities cannot ask for a width on 1.x, so autogenerate
 * must not compare one.
 */
import type { QueryRunner, Table } from 'typeorm';
import { bareTableName } from '../../ops/table-path';
import { typeormVersion } from '../../typeorm-internals';

/** MariaDB's and MySQL 5.7's widths when none is given: [signed, unsigned]. */
const DEFAULT_WIDTHS: Record<string, [number, number]> = {
  tinyint: [4, 3],
  smallint: [6, 5],
  mediumint: [9, 8],
  int: [11, 10],
  integer: [11, 10],
  bigint: [20, 20],
};

export async function completeMysqlDisplayWidths(queryRunner: QueryRunner, tables: readonly Table[]): Promise<void> {
  // TypeORM 0.3 reads and writes a width that is not the default itself.
  if (typeormVersion().major < 1) return;
  const integerColumns = (t: Table) => t.columns.filter((c) => DEFAULT_WIDTHS[c.type] && !c.length);
  const candidates = tables.filter((t) => integerColumns(t).length > 0);
  if (candidates.length === 0) return;
  const rows = (await queryRunner.query(
    `SELECT TABLE_NAME AS tbl, COLUMN_NAME AS col, COLUMN_TYPE AS type FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (${candidates.map(() => '?').join(', ')})`,
    candidates.map((t) => bareTableName(t.name)),
  )) as { tbl: string; col: string; type: string }[];
  const typeOf = new Map(rows.map((r) => [`${r.tbl}\u0000${r.col}`, r.type]));
  for (const table of candidates) {
    for (const column of integerColumns(table)) {
      const width = /^\w+\((\d+)\)/.exec(typeOf.get(`${bareTableName(table.name)}\u0000${column.name}`) ?? '')?.[1];
      const [signed, unsigned] = DEFAULT_WIDTHS[column.type]!;
      if (width && Number(width) !== (column.unsigned ? unsigned : signed)) column.length = width;
    }
  }
}
