/**
 * TypeORM reads some defaults in a form that is stored differently when written back (`DEFAULT 0`
 * on a numeric reads as `'0'`, stored as `'0'::numeric`). `baseline` must create the column with the
 * default it has: where the read default, once stored, differs from the live one, the catalog's own
 * text replaces it. Where it round-trips, TypeORM's more readable form stays.
 */
import type { QueryRunner, Table } from 'typeorm';
import { columnExpressions } from './column-expressions';
import { sameStoredDefaults } from './stored-defaults';

export async function keepExactDefaults(queryRunner: QueryRunner, tables: Table[]): Promise<void> {
  const columns = tables.flatMap((table) =>
    table.columns.filter((c) => typeof c.default === 'string' && !c.isGenerated && !c.asExpression).map((column) => ({ table, column })),
  );
  if (columns.length === 0) return;
  const same = await sameStoredDefaults(
    queryRunner,
    columns.map(({ table, column }) => ({ table: table.name, column: column.name, wanted: column.default as string })),
  );
  const differing = columns.filter((_, i) => !same[i]);
  if (differing.length === 0) return;
  const live = await columnExpressions(queryRunner, [...new Set(differing.map((d) => d.table))], 'default');
  for (const { table, column } of differing) column.default = live(table, column.name) ?? column.default;
}
