/**
 * What TypeORM's `Table` cannot hold on MySQL/MariaDB, as statements that build it:
 *
 * - Indices with a prefix length (`` `bio`(20) ``, the only way to index a text column), a
 *   descending part, or (MySQL 8) an expression part. TypeORM reads them as plain column lists, so
 *   a createTable from what it read made a different index, or failed ("BLOB/TEXT column used in
 *   key specification without a key length"). They are taken out of the loaded table.
 * - Check constraints: TypeORM's MySQL runner neither reads nor creates them ("MySql does not
 *   support check constraints"), though both servers enforce them. Column-level checks of MariaDB
 *   are left to the column (the one behind a `json` column is the type itself).
 */
import type { QueryRunner, Table } from 'typeorm';
import { bareTableName } from '../../ops/table-path';
import type { CheckSpec } from '../../ops/types';
import type { RawTableStatement } from '../dialect';
import { quoteWith } from '../sql-text';

const quote = (name: string) => quoteWith('`', name);

interface IndexPartRow {
  TABLE_NAME: string;
  INDEX_NAME: string;
  NON_UNIQUE: number | string;
  SEQ_IN_INDEX: number | string;
  COLUMN_NAME: string | null;
  SUB_PART: number | string | null;
  COLLATION: string | null;
  INDEX_TYPE: string;
  /** MySQL 8 only: a functional part's expression. */
  EXPRESSION?: string | null;
}

const isRaw = (part: IndexPartRow) => part.SUB_PART !== null || part.COLLATION === 'D' || !!part.EXPRESSION;

function indexStatement(table: string, parts: readonly IndexPartRow[]): string {
  const first = parts[0]!;
  const kind = first.INDEX_TYPE === 'FULLTEXT' ? 'FULLTEXT ' : first.INDEX_TYPE === 'SPATIAL' ? 'SPATIAL ' : Number(first.NON_UNIQUE) === 0 ? 'UNIQUE ' : '';
  const keys = parts.map((p) => {
    const key = p.EXPRESSION ? `(${p.EXPRESSION})` : `${quote(p.COLUMN_NAME ?? '')}${p.SUB_PART !== null ? `(${p.SUB_PART})` : ''}`;
    return p.COLLATION === 'D' ? `${key} DESC` : key;
  });
  return `CREATE ${kind}INDEX ${quote(first.INDEX_NAME)} ON ${quote(table)} (${keys.join(', ')})`;
}

/** The table's indices that TypeORM misread, as CREATE INDEX statements; removed from `tables`. */
export async function mysqlRawIndexes(queryRunner: QueryRunner, tables: Table[]): Promise<RawTableStatement[]> {
  if (tables.length === 0) return [];
  const names = tables.map((t) => bareTableName(t.name));
  // SELECT *: EXPRESSION exists on MySQL 8 only.
  const rows = (await queryRunner.query(
    `SELECT * FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME <> 'PRIMARY' AND TABLE_NAME IN (${names.map(() => '?').join(', ')})
      ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
    names,
  )) as IndexPartRow[];
  const statements: RawTableStatement[] = [];
  for (const table of tables) {
    const name = bareTableName(table.name);
    const byIndex = new Map<string, IndexPartRow[]>();
    for (const row of rows.filter((r) => r.TABLE_NAME === name)) byIndex.set(row.INDEX_NAME, [...(byIndex.get(row.INDEX_NAME) ?? []), row]);
    for (const [index, parts] of byIndex) {
      if (!parts.some(isRaw)) continue;
      statements.push({ table: table.name, name: index, sql: indexStatement(name, parts) });
      table.indices = table.indices.filter((i) => i.name !== index);
    }
    // A column is unique (to TypeORM) while a one-column unique index is on it; one taken out must not come back under another name.
    for (const column of table.columns.filter((c) => c.isUnique)) {
      const stillUnique = table.indices.some((i) => i.isUnique && i.columnNames.length === 1 && i.columnNames[0] === column.name);
      if (!stillUnique) column.isUnique = false;
    }
  }
  return statements;
}

interface CheckRow {
  CONSTRAINT_NAME: string;
  CHECK_CLAUSE: string;
  /** MariaDB only. */
  TABLE_NAME?: string;
  LEVEL?: string;
}

/**
 * The tables' table-level check constraints as the server stores them, by table name (as
 * `tables` name them). MariaDB's column-level ones are left to their columns.
 */
export async function mysqlTableChecks(queryRunner: QueryRunner, tables: readonly Table[]): Promise<Map<string, CheckSpec[]>> {
  const found = new Map<string, CheckSpec[]>();
  if (tables.length === 0) return found;
  const checks = (await queryRunner.query(`SELECT * FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()`)) as CheckRow[];
  if (checks.length === 0) return found;
  let tableOf = (check: CheckRow) => check.TABLE_NAME;
  if (checks[0]!.TABLE_NAME === undefined) {
    // MySQL 8: the table is in TABLE_CONSTRAINTS, where a check's name is unique in its database.
    const owners = (await queryRunner.query(
      `SELECT CONSTRAINT_NAME AS name, TABLE_NAME AS tbl FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND CONSTRAINT_TYPE = 'CHECK'`,
    )) as { name: string; tbl: string }[];
    const owner = new Map(owners.map((o) => [o.name, o.tbl]));
    tableOf = (check) => owner.get(check.CONSTRAINT_NAME);
  }
  for (const table of tables) {
    const name = bareTableName(table.name);
    const own = checks.filter((c) => c.LEVEL !== 'Column' && tableOf(c) === name);
    if (own.length > 0) found.set(table.name, own.map((c) => ({ name: c.CONSTRAINT_NAME, expression: c.CHECK_CLAUSE })));
  }
  return found;
}

/** The tables' check constraints as ALTER TABLE … ADD CONSTRAINT … CHECK statements. */
export async function mysqlRawChecks(queryRunner: QueryRunner, tables: readonly Table[]): Promise<RawTableStatement[]> {
  const checks = await mysqlTableChecks(queryRunner, tables);
  return [...checks].flatMap(([table, specs]) =>
    specs.map((check) => ({ table, name: check.name!, sql: `ALTER TABLE ${quote(bareTableName(table))} ADD CONSTRAINT ${quote(check.name!)} CHECK (${check.expression})` })),
  );
}
