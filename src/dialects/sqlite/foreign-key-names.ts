/**
 * TypeORM's SQLite introspection reads foreign keys from `PRAGMA foreign_key_list`, which has no
 * names, and takes each name from the table's CREATE TABLE text: the first `CONSTRAINT … FOREIGN
 * KEY (…) REFERENCES "<same table>"` whose columns are all among the key's columns. A composite key
 * that shares a column with an earlier key to the same table (`(parentId) → parent(code)` before
 * `(tenantId, parentId) → parent(tenantId, id)`) gets the earlier key's name; the schema builder
 * then misses its own key, and `check` asks to create it after every upgrade. Here each key gets
 * the name of the clause with exactly its columns, referenced table and referenced columns, in order.
 */
import type { QueryRunner, Table, TableForeignKey } from 'typeorm';

interface ForeignKeyClause {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
}

const IDENTIFIER = /"((?:[^"]|"")*)"/g;
const CLAUSE = /CONSTRAINT "((?:[^"]|"")*)" FOREIGN KEY ?\(([^)]*)\) REFERENCES "((?:[^"]|"")*)" ?\(([^)]*)\)/g;

const unquote = (text: string) => text.replace(/""/g, '"');
const identifiers = (list: string) => [...list.matchAll(IDENTIFIER)].map((m) => unquote(m[1]!));

/** The named foreign key clauses of a CREATE TABLE statement, as TypeORM writes them. */
export function foreignKeyClauses(createTableSql: string): ForeignKeyClause[] {
  return [...createTableSql.matchAll(CLAUSE)].map((m) => ({
    name: unquote(m[1]!),
    columns: identifiers(m[2]!),
    referencedTable: unquote(m[3]!),
    referencedColumns: identifiers(m[4]!),
  }));
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function matches(clause: ForeignKeyClause, fk: TableForeignKey): boolean {
  return (
    clause.referencedTable === fk.referencedTableName &&
    sameList(clause.columns, fk.columnNames) &&
    sameList(clause.referencedColumns, fk.referencedColumnNames)
  );
}

/** Renames, in place, each loaded foreign key after the clause that declares it. */
export async function fixForeignKeyNames(queryRunner: QueryRunner, tables: readonly Table[]): Promise<void> {
  // One key cannot be given another's name: only tables with two keys or more can be wrong.
  for (const table of tables.filter((t) => t.foreignKeys.length > 1)) {
    const rows = (await queryRunner.query(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, [table.name])) as { sql: string | null }[];
    const unused = foreignKeyClauses(rows[0]?.sql ?? '');
    for (const fk of table.foreignKeys) {
      const at = unused.findIndex((clause) => matches(clause, fk));
      if (at < 0) continue;
      fk.name = unused[at]!.name;
      unused.splice(at, 1);
    }
  }
}
