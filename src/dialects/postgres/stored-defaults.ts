/**
 * PostgreSQL keeps a column default as a parsed expression and prints it back its own way: `'1'`
 * or `'true'` on a boolean is `true`, `ARRAY[1,2]` is `ARRAY[1, 2]`, `'{a,b c}'` on text[] is
 * `'{a,"b c"}'::text[]`, `md5(random()::text)` is `md5((random())::text)`, `0` on money is
 * `'$0.00'::money`. TypeORM compares the text it would write with what it read back (casts cut
 * out, sometimes mid-expression), so such a default differs on every check.
 *
 * Both sides go through PostgreSQL instead: each wanted default is set on a column of the live
 * column's type in a temporary table, and its stored form is compared with the live column's.
 * All of it in a transaction that is rolled back; a default PostgreSQL refuses is not the same.
 *
 * A timestamp default written as a string, `default: 'now()'`, is read once, when the default is
 * set: the column keeps that moment as a constant (PostgreSQL's manual warns about `'now'`). A live
 * constant is what such an entity asks for, so it is the same, whatever moment it holds.
 */
import type { QueryRunner } from 'typeorm';
import type { WantedDefault } from '../dialect';
import { quotePath, quoteWith } from '../sql-text';

const quote = (name: string) => quoteWith('"', name);

const SCRATCH = 'entity_migrate_default';

interface LiveColumn {
  i: number;
  type: string;
  stored: string | null;
}

/** The live columns' types and stored defaults, by position in `defaults` (absent: no such column). */
async function liveColumns(queryRunner: QueryRunner, defaults: readonly WantedDefault[]): Promise<Map<number, LiveColumn>> {
  const rows = (await queryRunner.query(
    `SELECT t.i::int AS i, format_type(a.atttypid, a.atttypmod) AS type, pg_get_expr(d.adbin, d.adrelid) AS stored
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(rel, col, i)
       JOIN pg_attribute a ON a.attrelid = to_regclass(t.rel) AND a.attname = t.col AND NOT a.attisdropped
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum`,
    [defaults.map((d) => quotePath(quote, d.table)), defaults.map((d) => d.column)],
  )) as LiveColumn[];
  return new Map(rows.map((r) => [r.i - 1, r]));
}

/** How PostgreSQL stores each default on a column of the given type (undefined: refused). */
async function storedForms(queryRunner: QueryRunner, wanted: { type: string; expression: string }[]): Promise<(string | undefined)[]> {
  await queryRunner.startTransaction();
  try {
    const columns = wanted.map((w, i) => `c${i} ${w.type}`).join(', ');
    try {
      await queryRunner.query(`CREATE TEMP TABLE ${SCRATCH} (${columns})`);
    } catch {
      // No temporary tables for this role: the defaults stay compared as text.
      return wanted.map(() => undefined);
    }
    for (const [i, w] of wanted.entries()) {
      await queryRunner.query(`SAVEPOINT ${SCRATCH}`);
      try {
        await queryRunner.query(`ALTER TABLE pg_temp.${SCRATCH} ALTER COLUMN c${i} SET DEFAULT ${w.expression}`);
        await queryRunner.query(`RELEASE SAVEPOINT ${SCRATCH}`);
      } catch {
        await queryRunner.query(`ROLLBACK TO SAVEPOINT ${SCRATCH}`);
      }
    }
    const rows = (await queryRunner.query(
      `SELECT a.attname AS name, pg_get_expr(d.adbin, d.adrelid) AS stored
         FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
        WHERE d.adrelid = 'pg_temp.${SCRATCH}'::regclass`,
    )) as { name: string; stored: string }[];
    const byName = new Map(rows.map((r) => [r.name, r.stored]));
    return wanted.map((_, i) => byName.get(`c${i}`));
  } finally {
    await queryRunner.rollbackTransaction();
  }
}

/** A constant of a timestamp type: `'2026-12-01 05:47:18.13'::timestamp without time zone`. */
const isTimestampConstant = (stored: string) => /^'[^']*'::timestamp\b/.test(stored);

export async function sameStoredDefaults(queryRunner: QueryRunner, defaults: readonly WantedDefault[]): Promise<boolean[]> {
  if (defaults.length === 0) return [];
  const live = await liveColumns(queryRunner, defaults);
  const comparable = defaults.flatMap((d, i) => {
    const column = live.get(i);
    return column?.stored ? [{ i, type: column.type, expression: d.wanted, stored: column.stored }] : [];
  });
  const same = defaults.map(() => false);
  if (comparable.length === 0) return same;
  // The moment `'now'` stands for in this transaction, on each timestamp column that holds a constant.
  const moments = comparable.filter((c) => isTimestampConstant(c.stored)).map((c) => ({ ...c, expression: `'now'` }));
  const forms = await storedForms(queryRunner, [...comparable, ...moments]);
  const now = new Map(moments.map((m, k) => [m.i, forms[comparable.length + k]]));
  comparable.forEach((c, k) => (same[c.i] = forms[k] === c.stored || (forms[k] !== undefined && forms[k] === now.get(c.i))));
  return same;
}
