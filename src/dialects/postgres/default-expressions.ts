/**
 * TypeORM reads a PostgreSQL column default by cutting every `::type` out of the stored text. For
 * a literal with casts after it (`'draft'::character varying`, `'{}'::text[]`) that leaves the
 * literal; inside an expression it leaves broken or different SQL: `ARRAY['a'::text]` becomes
 * `ARRAY['a'`, `ARRAY[]::integer[]` becomes `ARRAY[]`, `md5((random())::text)` becomes
 * `md5((random()))`. A revision that puts such a default back (the downgrade of a dropped column
 * or table, of a default change) then fails. Those defaults are read as PostgreSQL stores them.
 */
import type { QueryRunner, Table } from 'typeorm';
import { catalogScope } from './catalog-scope';

/** What TypeORM makes of a stored default outside its special cases (uuid, serial, `now()`). */
const typeormReading = (stored: string) => stored.replace(/::[\w\s.[\]\-"]+/g, '').replace(/^(-?\d+)$/, "'$1'");

/** A quoted literal followed only by casts, or text without casts: TypeORM's reading is exact. */
export const readsExactly = (stored: string): boolean => !stored.includes('::') || /^'(?:[^']|'')*'(?:::[\w\s."]+(?:\[\])*)+$/.test(stored);

export async function fixLossyDefaults(queryRunner: QueryRunner, tables: readonly Table[]): Promise<void> {
  const withDefaults = tables.filter((t) => t.columns.some((c) => typeof c.default === 'string' && !c.isGenerated));
  if (withDefaults.length === 0) return;
  const scope = await catalogScope(queryRunner, withDefaults);
  const rows = (await queryRunner.query(
    `SELECT n.nspname AS schema, c.relname AS table, a.attname AS column, pg_get_expr(d.adbin, d.adrelid) AS stored
       FROM pg_attrdef d
       JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
       JOIN pg_class c ON c.oid = d.adrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relname = ANY($2) AND pg_get_expr(d.adbin, d.adrelid) LIKE '%::%'`,
    scope.params,
  )) as { schema: string; table: string; column: string; stored: string }[];
  const stored = new Map(rows.map((r) => [`${r.schema}\u0000${r.table}\u0000${r.column}`, r.stored]));
  for (const table of withDefaults) {
    const { schema, table: name } = scope.locate(table);
    for (const column of table.columns) {
      const text = stored.get(`${schema}\u0000${name}\u0000${column.name}`);
      if (text === undefined || column.isGenerated || readsExactly(text)) continue;
      // Only where TypeORM took its generic path; its special cases keep their own reading.
      if (column.default === typeormReading(text)) column.default = text;
    }
  }
}
