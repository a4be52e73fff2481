/**
 * TypeORM 0.3 lists a PostgreSQL enum type's labels in creation order, not in the type's sort order
 * (`ADD VALUE 'x' BEFORE 'y'` puts a new label first in sort order but last in creation order).
 * A spec carrying that order (the `existing` of an alterColumn, a dropped table) would rebuild the
 * type in the wrong order on downgrade. The order is put back from `pg_enum.enumsortorder`.
 * TypeORM 1.x already reads them in sort order; then this changes nothing.
 */
import type { QueryRunner, Table } from 'typeorm';
import { catalogScope, parseArray } from './catalog-scope';

interface EnumLabels {
  schema: string;
  table: string;
  column: string;
  labels: string[] | string;
}

/** Reorders `enum` of the tables' enum columns in place (PostgreSQL only). */
export async function fixEnumLabelOrder(queryRunner: QueryRunner, tables: readonly Table[]): Promise<void> {
  const withEnums = tables.filter((t) => t.columns.some((c) => (c.enum?.length ?? 0) > 1));
  if (withEnums.length === 0) return;
  const scope = await catalogScope(queryRunner, withEnums);
  const rows = (await queryRunner.query(
    `SELECT n.nspname AS schema, c.relname AS table, a.attname AS column,
            array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
       JOIN pg_enum e ON e.enumtypid = CASE WHEN t.typelem <> 0 THEN t.typelem ELSE t.oid END
      WHERE n.nspname = ANY($1) AND c.relname = ANY($2) AND a.attnum > 0 AND NOT a.attisdropped
      GROUP BY n.nspname, c.relname, a.attname`,
    scope.params,
  )) as EnumLabels[];
  const labels = new Map(rows.map((r) => [`${r.schema}\u0000${r.table}\u0000${r.column}`, parseArray(r.labels)]));
  const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v) => b.includes(v));
  for (const table of withEnums) {
    const { schema, table: name } = scope.locate(table);
    for (const column of table.columns) {
      const ordered = column.enum ? labels.get(`${schema}\u0000${name}\u0000${column.name}`) : undefined;
      if (ordered && column.enum && sameSet(ordered, column.enum)) column.enum = ordered;
    }
  }
}
