/**
 * Reading PostgreSQL's catalog: the connection's current schema (where unqualified names live),
 * which schema and table each loaded table is in (for the fix-ups of what TypeORM read: index key
 * order, enum label order), and how pg hands back arrays.
 */
import type { QueryRunner, Table } from 'typeorm';
import { splitTableName } from '../../ops/table-path';

/** The schema unqualified names resolve to (`current_schema()`, usually `public`). */
export async function currentSchema(db: { query(sql: string): Promise<unknown> }): Promise<string> {
  const [{ current }] = (await db.query(`SELECT current_schema() AS current`)) as { current: string }[];
  return current;
}

export interface CatalogScope {
  /** The table's schema (the connection's current one when its path has none) and bare name. */
  locate(table: Table): { schema: string; table: string };
  /** For `WHERE n.nspname = ANY($1) AND c.relname = ANY($2)`. */
  params: [string[], string[]];
}

export async function catalogScope(queryRunner: QueryRunner, tables: readonly Table[]): Promise<CatalogScope> {
  const current = await currentSchema(queryRunner);
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
