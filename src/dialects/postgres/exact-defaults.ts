/**
 * TypeORM reads some defaults in a form that is stored differently when written back (`DEFAULT 0`
 * on a numeric reads as `'0'`, stored as `'0'::numeric`). `baseline` must create the column with the
 * default it has: where the read default, once stored, differs from the live one, the catalog's own
 * text (`pg_get_expr`) replaces it. Where it round-trips, TypeORM's more readable form stays.
 */
import type { QueryRunner, Table } from 'typeorm';
import type { WantedDefault } from '../dialect';
import { liveColumns, sameStoredDefaults } from './stored-defaults';

export async function keepExactDefaults(queryRunner: QueryRunner, tables: Table[]): Promise<void> {
  const columns = tables.flatMap((table) =>
    table.columns.filter((c) => typeof c.default === 'string' && !c.isGenerated && !c.asExpression).map((column) => ({ table, column })),
  );
  if (columns.length === 0) return;
  const wanted: WantedDefault[] = columns.map(({ table, column }) => ({ table: table.name, column: column.name, wanted: column.default as string }));
  const same = await sameStoredDefaults(queryRunner, wanted);
  const differing = wanted.filter((_, i) => !same[i]);
  if (differing.length === 0) return;
  const live = await liveColumns(queryRunner, differing);
  let at = 0;
  for (const [i, { column }] of columns.entries()) {
    if (same[i]) continue;
    const stored = live.get(at++)?.stored;
    if (stored) column.default = stored;
  }
}
