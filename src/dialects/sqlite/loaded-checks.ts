/**
 * TypeORM reads SQLite checks out of the table's CREATE TABLE text with
 * `/CONSTRAINT "([^"]*)" CHECK ?(\(.*?\))([,]|[)]$)/g`: the lazy `.*?` stops at the first `)`
 * that a comma follows, and `.` does not cross a line break. So
 * `coalesce(nullif("a", ''), 'x') <> 'y'` is read as `(coalesce(nullif("a", '')`, and a check
 * written over several lines is not read at all. Every SQLite table rebuild (most changes are one)
 * writes the checks it read back: the cut one is a syntax error that fails the revision, the unread
 * one is silently lost, and `check` asks to create it again forever.
 *
 * Here the checks are read again from the same text, with parentheses and quotes read as SQL.
 * An expression is what stands between `CHECK (` and its `)`, as the entity gave it (TypeORM's
 * reading kept the parentheses, so every statement written from it wrapped the expression in one
 * more pair: `CHECK ((…))`).
 */
import { TableCheck, type QueryRunner, type Table } from 'typeorm';
import { splitTableName } from '../../ops/table-path';
import { closingParenthesis, quoteWith, skipQuoted } from '../sql-text';

export interface NamedCheck {
  name: string;
  expression: string;
}

/** A check as written: `CONSTRAINT name CHECK (…)`, or an unnamed `CHECK (…)` on a column or the table. */
export interface WrittenCheck {
  name?: string;
  expression: string;
}

/** `"a""b"` → `a"b`; `` `a` `` and `[a]` → `a`; a bare name as it is. */
function unquoteName(token: string): string {
  const first = token[0];
  if (first === '"' || first === '`') return token.slice(1, -1).split(first + first).join(first);
  if (first === '[') return token.slice(1, -1);
  return token;
}

const CONSTRAINT_CHECK = /^CONSTRAINT\s*("(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|[A-Za-z_][A-Za-z0-9_$]*)\s*CHECK\s*\(/i;

const UNNAMED_CHECK = /^CHECK\s*\(/i;

/** The named checks (`CONSTRAINT name CHECK (…)`) of a CREATE TABLE statement, in order. */
export function namedChecks(createTableSql: string): NamedCheck[] {
  return writtenChecks(createTableSql).filter((c): c is NamedCheck => c.name !== undefined);
}

/** Every check of a CREATE TABLE statement, named or not, in order. */
export function writtenChecks(createTableSql: string): WrittenCheck[] {
  const sql = createTableSql;
  const checks: WrittenCheck[] = [];
  for (let i = 0; i < sql.length; ) {
    const next = skipQuoted(sql, i, true);
    if (next !== i) {
      i = next;
      continue;
    }
    // Only where a word starts with C: a keyword, not part of a longer name.
    const wordStart = (sql[i] === 'C' || sql[i] === 'c') && !/[A-Za-z0-9_$]/.test(sql[i - 1] ?? '');
    const match = wordStart ? (CONSTRAINT_CHECK.exec(sql.slice(i)) ?? UNNAMED_CHECK.exec(sql.slice(i))) : null;
    const open = match ? i + match[0].length - 1 : -1;
    const close = match ? closingParenthesis(sql, open, true) : -1;
    if (match && close > open) {
      const expression = sql.slice(open + 1, close);
      checks.push(match[1] === undefined ? { expression: expression.trim() } : { name: unquoteName(match[1]), expression });
      i = close + 1;
    } else i++;
  }
  return checks;
}

/** Replace the checks TypeORM read for `tables` by those {@link namedChecks} reads from the same SQL. */
export async function fixSqliteLoadedChecks(queryRunner: QueryRunner, tables: readonly Table[]): Promise<void> {
  if (tables.length === 0) return;
  const byDatabase = new Map<string | undefined, Table[]>();
  for (const table of tables) {
    const { schema } = splitTableName(table.name);
    byDatabase.set(schema, [...(byDatabase.get(schema) ?? []), table]);
  }
  for (const [database, group] of byDatabase) {
    const names = group.map((t) => splitTableName(t.name).name);
    // An attached database has its own catalog, under the handle TypeORM names its tables with.
    const catalog = `${database === undefined ? '' : `${quoteWith('"', database)}.`}"sqlite_master"`;
    const rows = (await queryRunner.query(
      `SELECT "name", "sql" FROM ${catalog} WHERE "type" = 'table' AND "name" IN (${names.map(() => '?').join(', ')})`,
      names,
    )) as { name: string; sql: string | null }[];
    const sqlOf = new Map(rows.map((r) => [r.name, r.sql ?? '']));
    for (const table of group) {
      const sql = sqlOf.get(splitTableName(table.name).name);
      if (sql !== undefined) table.checks = tableChecks(queryRunner, table, sql);
    }
  }
}

/**
 * The table's checks as TypeORM would hold them. An unnamed one (a column's `CHECK (…)`, as hand-written
 * tables have; TypeORM read none of them, so a rebuild silently dropped them) gets the name TypeORM's
 * naming strategy gives an entity's check of that expression; the `CHECK ("col" IN (…))` TypeORM
 * writes for an enum column is the column's enum, not a check.
 */
function tableChecks(queryRunner: QueryRunner, table: Table, sql: string): TableCheck[] {
  const enumColumns = table.columns.filter((c) => c.enum && c.enum.length > 0).map((c) => c.name);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const isEnumCheck = (expression: string) =>
    enumColumns.some((name) => new RegExp(`^\\s*"?${escape(name)}"?\\s+IN\\s*\\(`, 'i').test(expression));
  return writtenChecks(sql)
    .filter((check) => check.name !== undefined || !isEnumCheck(check.expression))
    .map(
      (check) =>
        new TableCheck({
          name: check.name ?? queryRunner.connection.namingStrategy.checkConstraintName(table, check.expression),
          expression: check.expression,
        }),
    );
}
