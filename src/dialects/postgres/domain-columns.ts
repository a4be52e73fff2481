/**
 * Columns whose type is a domain (`email_address` over `varchar(255)`). TypeORM reads such a column
 * as the domain's base type (information_schema reports the base as its data type, and a NOT NULL
 * domain's column as NOT NULL), so a table recreated from its reading would lose the domain, and
 * its checks with it. `baseline` puts the
 * domain back as the column's type; the schema prelude (schema-prelude.ts) creates the domain first.
 */
import type { QueryRunner, Table } from 'typeorm';
import { catalogScope } from './catalog-scope';

interface DomainColumnRow {
  schema: string;
  table: string;
  column: string;
  /** The domain as `format_type` prints it: qualified only when off the search path. */
  domain: string;
  is_array: boolean;
  /** The column's own NOT NULL, without the domain's. */
  not_null: boolean;
}

const DOMAIN_COLUMNS_SQL = `
  SELECT n.nspname AS schema, c.relname AS table, a.attname AS column,
         format_type(d.oid, NULL) AS domain, t.typtype <> 'd' AS is_array,
         a.attnotnull AS not_null
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid
    JOIN pg_type d ON d.oid = CASE WHEN t.typtype = 'd' THEN t.oid ELSE t.typelem END
   WHERE n.nspname = ANY($1) AND c.relname = ANY($2) AND a.attnum > 0 AND NOT a.attisdropped AND d.typtype = 'd'`;

export async function completeDomainColumns(queryRunner: QueryRunner, tables: readonly Table[]): Promise<void> {
  if (tables.length === 0) return;
  const scope = await catalogScope(queryRunner, tables);
  const rows = (await queryRunner.query(DOMAIN_COLUMNS_SQL, scope.params)) as DomainColumnRow[];
  for (const table of tables) {
    const { schema, table: name } = scope.locate(table);
    for (const row of rows.filter((r) => r.schema === schema && r.table === name)) {
      const column = table.columns.find((c) => c.name === row.column);
      if (!column) continue;
      // The domain holds the base type's size and an enum's values; written again on the column,
      // they would make `email_address(255)`.
      column.type = row.domain;
      column.isArray = row.is_array;
      column.isNullable = !row.not_null;
      column.length = '';
      column.precision = undefined;
      column.scale = undefined;
      column.enum = undefined;
      column.enumName = undefined;
    }
  }
}
