/**
 * Indices TypeORM's `TableIndex` cannot hold: expression keys (`lower(email)`), DESC / NULLS FIRST
 * keys, INCLUDE columns, non-default operator classes, storage parameters, methods other than
 * B-tree. TypeORM reads them without the part it has no field for (or not at all), so a revision
 * built from the loaded table would create a different index. `baseline` takes them out of the
 * loaded tables and writes each as the database prints it (`pg_get_indexdef`), on the table as
 * TypeORM names it. Indices behind a constraint (primary key, unique, exclusion) are not among them.
 */
import type { QueryRunner, Table } from 'typeorm';
import { postgresRunner } from '../../typeorm-internals';
import type { RawTableStatement } from '../dialect';
import { quoteWith } from '../sql-text';
import { catalogScope } from './catalog-scope';

interface RawIndexRow {
  schema: string;
  table: string;
  index: string;
  definition: string;
  /** `ON <this> USING` in the definition: the table as pg_get_indexdef qualifies it. */
  printed_table: string;
}

const RAW_INDEXES_SQL = `
  SELECT n.nspname AS schema, t.relname AS table, i.relname AS index, pg_get_indexdef(x.indexrelid) AS definition,
         quote_ident(n.nspname) || '.' || quote_ident(t.relname) AS printed_table
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    JOIN pg_am am ON am.oid = i.relam
   WHERE n.nspname = ANY($1) AND t.relname = ANY($2)
     AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))
     AND (x.indexprs IS NOT NULL
          OR x.indnkeyatts < x.indnatts
          OR i.reloptions IS NOT NULL
          OR am.amname <> 'btree'
          OR EXISTS (SELECT 1 FROM unnest(x.indoption::int2[]) AS o(flags) WHERE o.flags <> 0)
          OR EXISTS (SELECT 1 FROM unnest(x.indclass::oid[]) AS k(opclass) JOIN pg_opclass oc ON oc.oid = k.opclass WHERE NOT oc.opcdefault))
   ORDER BY n.nspname, t.relname, i.relname`;

export async function rawIndexes(queryRunner: QueryRunner, tables: Table[]): Promise<RawTableStatement[]> {
  if (tables.length === 0) return [];
  const scope = await catalogScope(queryRunner, tables);
  const rows = (await queryRunner.query(RAW_INDEXES_SQL, scope.params)) as RawIndexRow[];
  const raw: RawTableStatement[] = [];
  for (const table of tables) {
    const { schema, table: name } = scope.locate(table);
    const own = rows.filter((r) => r.schema === schema && r.table === name);
    if (own.length === 0) continue;
    const names = new Set(own.map((r) => r.index));
    table.indices = table.indices.filter((index) => !index.name || !names.has(index.name));
    const target = postgresRunner(queryRunner).escapePath(table.name);
    for (const row of own) raw.push({ table: table.name, name: row.index, sql: onTable(row, target) });
  }
  return raw;
}

/**
 * The definition with its table as the revision names it: pg_get_indexdef always qualifies it
 * (`ON public.person USING …`), which would pin a baseline to the schema it was read from.
 */
function onTable(row: RawIndexRow, target: string): string {
  const printedOn = ` ON ${row.printed_table} USING `;
  const at = row.definition.indexOf(printedOn);
  if (at < 0) return row.definition;
  const head = row.definition.slice(0, at).replace(/INDEX .*$/, `INDEX ${quoteWith('"', row.index)}`);
  return `${head} ON ${target} USING ${row.definition.slice(at + printedOn.length)}`;
}
