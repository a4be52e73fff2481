/**
 * Reading PostgreSQL's catalog: the schema unqualified names live in, which schema and table each
 * loaded table is in (for the fix-ups of what TypeORM read: index key order, enum label order), and
 * how pg hands back arrays.
 */
import type { DataSource, QueryRunner, Table } from 'typeorm';
import { splitTableName } from '../../ops/table-path';

/**
 * The schema unqualified names live in, as TypeORM sees it: the data source's `schema` option, else
 * the connection's `current_schema()` (usually `public`). TypeORM names an entity's table in that
 * schema without it (`Table.create`), and its runner puts a bare name there, qualifying it in its
 * SQL when that is not the search path's schema. A `schema: 'app'` data source on a `public`
 * search path would otherwise have its tables compared, ordered and listed under the wrong schema.
 */
export async function defaultSchemaOf(db: DataSource | QueryRunner): Promise<string> {
  const dataSource = 'createQueryRunner' in db ? db : db.connection;
  // Set from the options when the driver is built, and from current_schema() once it connects.
  if (dataSource.driver.schema) return dataSource.driver.schema;
  const [{ current }] = (await db.query(`SELECT current_schema() AS current`)) as { current: string }[];
  return current;
}

/** `WHERE` condition for the schemas of the user's, `n` being pg_namespace: not the system's. */
export const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;

export interface CatalogScope {
  /** The table's schema (the default one when its path has none) and bare name. */
  locate(table: Table): { schema: string; table: string };
  /** For `WHERE n.nspname = ANY($1) AND c.relname = ANY($2)`. */
  params: [string[], string[]];
}

export async function catalogScope(queryRunner: QueryRunner, tables: readonly Table[]): Promise<CatalogScope> {
  const current = await defaultSchemaOf(queryRunner);
  const locate = (table: Table) => {
    const { schema, name } = splitTableName(table.name);
    return { schema: schema ?? current, table: name };
  };
  const located = tables.map(locate);
  return { locate, params: [[...new Set(located.map((p) => p.schema))], [...new Set(located.map((p) => p.table))]] };
}

/** `{a,"b c"}` → ['a', 'b c'] (pg may hand back name[] aggregates as text). */
export function parseArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean)
    .map((s) => s.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1'));
}
