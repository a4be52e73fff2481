/**
 * TypeORM reads a PostgreSQL check as `pg_get_constraintdef()` gives it, `CHECK ((price > 0))`,
 * and takes off the `CHECK (…)` with a regular expression whose `.` does not match a line break.
 * An expression whose stored form spans lines (a string literal with a newline in it) keeps its
 * `CHECK (` prefix, and every statement built from it later (the downgrade of a dropped check or
 * table) reads `CHECK (CHECK (…))`: a syntax error. The prefix is taken off here the way TypeORM
 * means to, reading the parentheses as SQL.
 */
import type { Table } from 'typeorm';
import { closingParenthesis } from '../sql-text';

/** `CHECK ((a > 0))` → `(a > 0)`, as TypeORM reads a one-line check; anything else as it is. */
export function checkDefinitionExpression(definition: string): string {
  const prefix = /^\s*CHECK\s*\(/i.exec(definition);
  if (!prefix) return definition;
  const open = prefix[0].length - 1;
  const close = closingParenthesis(definition, open);
  // What may follow (NOT VALID, NO INHERIT) no entity can declare; the expression is what counts.
  return close < 0 ? definition : definition.slice(open + 1, close);
}

export function fixCheckExpressions(tables: readonly Table[]): void {
  for (const table of tables) {
    for (const check of table.checks) if (check.expression) check.expression = checkDefinitionExpression(check.expression);
  }
}
