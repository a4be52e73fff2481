/**
 * TypeORM's PostgreSQL introspection lists an index's columns in the table's column order, not in
 * the index's key order: `@Index(['b', 'a'])` reads back as `['a', 'b']` (or the other way round
 * once a column was dropped and added again). A drop op carrying that spec would recreate the index
 * in the downgrade with its keys swapped. The key order is put back from `pg_index`, for indices
 * and for unique constraints (each backed by an index of the same name).
 */
import type { QueryRunner, Table } from 'typeorm';
import { catalogScope, parseArray } from './catalog-scope';

interface IndexKeys {
  schema: string;
  table: string;
  index: string;
  columns: string[] | string;
}

/** Reorders `columnNames` of the tables' indices and uniques in place (PostgreSQL only). */
export async function fixIndexColumnOrder(queryRunner: QueryRunner, tables: readonly Table[]): Promise<void> {
  const withKeys = tables.filter((t) => t.indices.some((i) => i.columnNames.length > 1) || t.uniques.some((u) => u.columnNames.length > 1));
  if (withKeys.length === 0) return;
  const scope = await catalogScope(queryRunner, withKeys);
  const rows = (await queryRunner.query(
    `SELECT n.nspname AS schema, t.relname AS table, i.relname AS index,
            array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = ANY($1) AND t.relname = ANY($2)
      GROUP BY n.nspname, t.relname, i.relname`,
    scope.params,
  )) as IndexKeys[];
  const keys = new Map(rows.map((r) => [`${r.schema}\u0000${r.table}\u0000${r.index}`, parseArray(r.columns)]));
  const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c) => b.includes(c));
  for (const table of withKeys) {
    const { schema, table: name } = scope.locate(table);
    for (const item of [...table.indices, ...table.uniques]) {
      const ordered = item.name ? keys.get(`${schema}\u0000${name}\u0000${item.name}`) : undefined;
      // Expression keys (attnum 0) have no column: leave such an index as TypeORM read it.
      if (ordered && sameSet(ordered, item.columnNames)) item.columnNames = ordered;
    }
  }
}
