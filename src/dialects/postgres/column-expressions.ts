/**
 * The expressions the catalog keeps for columns (`pg_attrdef`: a default, or a generated column's
 * expression), as PostgreSQL prints them (`pg_get_expr`), for the columns of loaded tables.
 */
import type { QueryRunner, Table } from 'typeorm';
import { catalogScope } from './catalog-scope';

export type ColumnExpressionKind = 'default' | 'generated';

/** Looks up a column's stored expression: `(table, column) → text`, undefined where it has none. */
export type ColumnExpressions = (table: Table, column: string) => string | undefined;

/** `extraCondition` narrows the rows in SQL (on `pg_get_expr(d.adbin, d.adrelid)` AS stored). */
export async function columnExpressions(queryRunner: QueryRunner, tables: readonly Table[], kind: ColumnExpressionKind, extraCondition = 'TRUE'): Promise<ColumnExpressions> {
  const scope = await catalogScope(queryRunner, tables);
  const rows = (await queryRunner.query(
    `SELECT n.nspname AS schema, c.relname AS table, a.attname AS column, pg_get_expr(d.adbin, d.adrelid) AS stored
       FROM pg_attrdef d
       JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
       JOIN pg_class c ON c.oid = d.adrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relname = ANY($2) AND NOT a.attisdropped
        AND (a.attgenerated ${kind === 'generated' ? "= 's'" : "= ''"}) AND (${extraCondition})`,
    scope.params,
  )) as { schema: string; table: string; column: string; stored: string }[];
  const stored = new Map(rows.map((r) => [`${r.schema}\u0000${r.table}\u0000${r.column}`, r.stored]));
  return (table, column) => {
    const { schema, table: name } = scope.locate(table);
    return stored.get(`${schema}\u0000${name}\u0000${column}`);
  };
}
