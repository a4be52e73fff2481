/**
 * TypeORM reads a PostgreSQL column default by cutting every `::type` out of the stored text. For
 * a literal with casts after it (`'draft'::character varying`, `'{}'::text[]`) that leaves the
 * literal; inside an expression it leaves broken or different SQL: `ARRAY['a'::text]` becomes
 * `ARRAY['a'`, `ARRAY[]::integer[]` becomes `ARRAY[]`, `md5((random())::text)` becomes
 * `md5((random()))`. A revision that puts such a default back (the downgrade of a dropped column
 * or table, of a default change) then fails. Those defaults are read as PostgreSQL stores them.
 */
import type { QueryRunner, Table } from 'typeorm';
import { columnExpressions } from './column-expressions';

/** What TypeORM makes of a stored default outside its special cases (uuid, serial, `now()`). */
const typeormReading = (stored: string) => stored.replace(/::[\w\s.[\]\-"]+/g, '').replace(/^(-?\d+)$/, "'$1'");

/** A quoted literal followed only by casts, or text without casts: TypeORM's reading is exact. */
export const readsExactly = (stored: string): boolean => !stored.includes('::') || /^'(?:[^']|'')*'(?:::[\w\s."]+(?:\[\])*)+$/.test(stored);

export async function fixLossyDefaults(queryRunner: QueryRunner, tables: readonly Table[]): Promise<void> {
  const withDefaults = tables.filter((t) => t.columns.some((c) => typeof c.default === 'string' && !c.isGenerated));
  if (withDefaults.length === 0) return;
  const stored = await columnExpressions(queryRunner, withDefaults, 'default', `pg_get_expr(d.adbin, d.adrelid) LIKE '%::%'`);
  for (const table of withDefaults) {
    for (const column of table.columns) {
      const text = stored(table, column.name);
      if (text === undefined || column.isGenerated || readsExactly(text)) continue;
      // Only where TypeORM took its generic path; its special cases keep their own reading.
      if (column.default === typeormReading(text)) column.default = text;
    }
  }
}
