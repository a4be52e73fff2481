/**
 * SQLite keeps a column's declared type as written and reads `INTEGER PRIMARY KEY` without NOT NULL
 * as nullable, where neither means anything different: `int` is TypeORM's `integer` (its driver
 * normalizes the entity's `int` to it; both have INTEGER affinity), and a rowid key can never hold
 * NULL. Read as they were written, a database made by hand showed `~ column (type)` and
 * `~ column (isNullable)` on every `check`. So the tables autogenerate compares are put in the form
 * an entity gives (`normalizeColumnSemantics`; table rebuilds still write what was declared), and
 * `baseline`, which must recreate the table exactly as written, puts the declared spelling back
 * (`restoreDeclaredColumns`).
 */
import type { QueryRunner, Table } from 'typeorm';
import { splitTableName } from '../../ops/table-path';
import { quoteWith } from '../sql-text';

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

/** The declared base type, as TypeORM's loader reads it: lower case, without `(…)`. */
const baseType = (declared: string) => declared.toLowerCase().replace(/\s*\(.*$/, '').trim();

/** The TypeORM type an entity column of `type` ends up as on this connection. */
function entityType(queryRunner: QueryRunner, type: string): string {
  return queryRunner.connection.driver.normalizeType({ type: type as never });
}

function isRowidKey(table: Table, column: { name: string; type: string; isPrimary: boolean }): boolean {
  return column.isPrimary && table.columns.filter((c) => c.isPrimary).length === 1 && baseType(column.type) === 'integer';
}

export function normalizeColumnSemantics(queryRunner: QueryRunner, tables: readonly Table[]): void {
  for (const table of tables) {
    for (const column of table.columns) {
      const normalized = entityType(queryRunner, column.type);
      if (normalized !== column.type) column.type = normalized;
      if (isRowidKey(table, column)) column.isNullable = false;
    }
  }
}

export async function restoreDeclaredColumns(queryRunner: QueryRunner, tables: readonly Table[]): Promise<void> {
  for (const table of tables) {
    const { schema, name } = splitTableName(table.name);
    const pragma = `${schema === undefined ? '' : `${quoteWith('"', schema)}.`}table_xinfo(${quoteWith('"', name)})`;
    const infos = (await queryRunner.query(`PRAGMA ${pragma}`)) as ColumnInfo[];
    for (const column of table.columns) {
      const info = infos.find((i) => i.name === column.name);
      if (!info) continue;
      const declared = baseType(info.type);
      if (declared !== column.type && entityType(queryRunner, declared) === column.type) column.type = declared;
      if (isRowidKey(table, column) && info.notnull === 0) column.isNullable = true;
    }
  }
}
