/**
 * PostgreSQL keeps a check or an index predicate in its own words, not as written: `status IN
 * ('a', 'b')` on a varchar is stored as `((status)::text = ANY ((ARRAY['a'::character varying,
 * 'b'::character varying])::text[]))`. Those words, written back (a downgrade re-creating what it
 * dropped, from the spec it read), are reworded once more, `= ANY (ARRAY[('a'::character
 * varying)::text, …])`; that second wording then stays. So text from the catalog is compared in
 * the form it takes once written: on an empty copy of the table (scratch-copy.ts: `LIKE`, so the
 * columns and their types are the same) in a transaction that is rolled back.
 */
import type { QueryRunner, Table } from 'typeorm';
import { quoteWith } from '../sql-text';
import { checkDefinitionExpression } from './check-expressions';
import { onScratchCopy } from './scratch-copy';

const quote = (name: string) => quoteWith('"', name);
/** PostgreSQL's stored form of an index predicate on `table`. */
export function storedPredicate(queryRunner: QueryRunner, table: string, columns: string[], predicate: string): Promise<string> {
  return onScratchCopy(queryRunner, table, async (copy) => {
    await queryRunner.query(`CREATE INDEX "entity_migrate_copy_ix" ON ${copy} (${columns.map(quote).join(', ')}) WHERE ${predicate}`);
    const rows = (await queryRunner.query(
      `SELECT pg_get_expr(i.indpred, i.indrelid) AS predicate FROM pg_index i WHERE i.indexrelid = 'entity_migrate_copy_ix'::regclass`,
    )) as { predicate: string }[];
    return rows[0]?.predicate ?? predicate;
  });
}

/**
 * A check expression on `table` in the words PostgreSQL settles on (written, read back, written
 * again, read back), so an entity's expression and one read from the catalog, or re-created from
 * what was read, compare equal when they mean the same.
 */
export function settledCheck(queryRunner: QueryRunner, table: string, expression: string): Promise<string> {
  return onScratchCopy(queryRunner, table, async (copy) => {
    let text = expression;
    for (const round of [0, 1]) {
      await queryRunner.query(`ALTER TABLE ${copy} ADD CONSTRAINT "c${round}" CHECK (${text}) NOT VALID`);
      const rows = (await queryRunner.query(
        `SELECT pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c WHERE c.conrelid = '${copy}'::regclass AND c.conname = 'c${round}'`,
      )) as { definition: string }[];
      text = rows[0] ? checkDefinitionExpression(rows[0].definition) : text;
    }
    return text;
  });
}

/**
 * Rewrite the tables' check expressions and index predicates (as read from the catalog) in place
 * into the form they settle in once written back, one table copy per table that has any.
 */
export async function settleExpressions(queryRunner: QueryRunner, tables: readonly Table[]): Promise<void> {
  for (const table of tables) {
    const checks = table.checks.filter((c) => c.expression);
    const partial = table.indices.filter((i) => i.where);
    if (checks.length === 0 && partial.length === 0) continue;
    await onScratchCopy(queryRunner, table.name, async (copy) => {
      for (const [n, check] of checks.entries()) {
        await queryRunner.query(`ALTER TABLE ${copy} ADD CONSTRAINT "c${n}" CHECK (${check.expression}) NOT VALID`);
      }
      for (const [n, index] of partial.entries()) {
        await queryRunner.query(`CREATE INDEX "entity_migrate_copy_i${n}" ON ${copy} (${index.columnNames.map(quote).join(', ')}) WHERE ${index.where}`);
      }
      const rows = (await queryRunner.query(
        `SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c WHERE c.conrelid = '${copy}'::regclass AND c.contype = 'c'
         UNION ALL
         SELECT i.relname, pg_get_expr(x.indpred, x.indrelid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = '${copy}'::regclass AND x.indpred IS NOT NULL`,
      )) as { name: string; definition: string }[];
      const settled = new Map(rows.map((r) => [r.name, r.definition]));
      for (const [n, check] of checks.entries()) {
        const definition = settled.get(`c${n}`);
        if (definition) check.expression = checkDefinitionExpression(definition);
      }
      for (const [n, index] of partial.entries()) index.where = settled.get(`entity_migrate_copy_i${n}`) ?? index.where;
    });
  }
}
