/**
 * What TypeORM's SQLite introspection misses in a table it did not write itself. It reads names
 * and AUTOINCREMENT from the CREATE TABLE text with patterns for its own spelling
 * (`CONSTRAINT "name" UNIQUE ("a")`, `"id" integer PRIMARY KEY AUTOINCREMENT`), so with bare or
 * otherwise quoted identifiers a unique constraint gets the naming strategy's name, a foreign key
 * none, and an AUTOINCREMENT key reads as a plain one. Here they are read from the same text with
 * any quoting (table-definitions.ts). Only what TypeORM got wrong changes: its own tables read the same.
 */
import type { QueryRunner, Table } from 'typeorm';
import { splitTableName } from '../../ops/table-path';
import { tableDefinitions, type TableDefinitions } from './table-definitions';

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Each table's definitions, read from sqlite_master (main database only; attached ones are refused elsewhere). */
export async function loadTableDefinitions(queryRunner: QueryRunner, tables: readonly Table[]): Promise<Map<Table, TableDefinitions>> {
  const local = tables.filter((t) => splitTableName(t.name).schema === undefined);
  if (local.length === 0) return new Map();
  const rows = (await queryRunner.query(
    `SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = 'table' AND "name" IN (${local.map(() => '?').join(', ')})`,
    local.map((t) => t.name),
  )) as { name: string; sql: string | null }[];
  const sqlOf = new Map(rows.map((r) => [r.name, r.sql ?? '']));
  return new Map(local.map((t) => [t, tableDefinitions(sqlOf.get(t.name) ?? '')]));
}

export async function fixHandWrittenTables(queryRunner: QueryRunner, tables: readonly Table[]): Promise<void> {
  for (const [table, defs] of await loadTableDefinitions(queryRunner, tables)) {
    const named = new Set(defs.constraints.map((c) => c.name));
    for (const unique of table.uniques.filter((u) => !u.name || !named.has(u.name))) {
      const clause = defs.constraints.find((c) => c.kind === 'UNIQUE' && sameSet(c.columns, unique.columnNames));
      if (clause) unique.name = clause.name;
    }
    for (const fk of table.foreignKeys.filter((f) => !f.name)) {
      const clause = defs.constraints.find(
        (c) => c.kind === 'FOREIGN KEY' && c.referencedTable === fk.referencedTableName && sameSet(c.columns, fk.columnNames),
      );
      if (clause) fk.name = clause.name;
    }
    for (const column of table.columns.filter((c) => c.isPrimary && !c.isGenerated)) {
      const definition = defs.columns.find((c) => c.name === column.name);
      if (definition && /\bAUTOINCREMENT\b/i.test(definition.rest)) {
        column.isGenerated = true;
        column.generationStrategy = 'increment';
      }
    }
  }
}
