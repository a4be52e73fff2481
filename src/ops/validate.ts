/**
 * Argument checks for the op API. Revision files are user code (often plain JS), so a bad call
 * must fail at once with one line that names the op, the table and the column, not later inside
 * TypeORM with a message about `undefined`.
 */
import { OpError } from '../errors';
import { isObject } from '../is-object';
import type { ColumnSpec, ExclusionSpec, ForeignKeySpec, Row, TableSpec } from './types';

export function invalid(where: string, problem: string): OpError {
  return new OpError('OP_INVALID', `${where}: ${problem}`);
}

export function requireName(value: unknown, where: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(where, `${what} must be a non-empty string (got ${JSON.stringify(value)})`);
  }
  return value;
}

export function requireNames(value: unknown, where: string, what: string): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(where, `${what} must be a non-empty array of column names`);
  }
  value.forEach((name, i) => requireName(name, where, `${what}[${i}]`));
  return value as string[];
}

export function requireColumn(column: unknown, where: string): ColumnSpec {
  checkColumn(column, where);
  return column;
}

function checkColumn(column: unknown, where: string): asserts column is ColumnSpec {
  if (!isObject(column)) throw invalid(where, 'column must be an object with a name and a type');
  const name = requireName(column.name, where, 'column name');
  requireName(column.type, `${where} column "${name}"`, 'type');
}

export function requireTableSpec(table: unknown, where: string): TableSpec {
  checkTableSpec(table, where);
  return table;
}

function checkTableSpec(table: unknown, where: string): asserts table is TableSpec {
  if (!isObject(table)) throw invalid(where, 'table must be an object with a name and columns');
  const name = requireName(table.name, where, 'table name');
  const at = `${where.replace(/\(\)$/, '')}("${name}")`;
  if (!Array.isArray(table.columns) || table.columns.length === 0) {
    throw invalid(at, 'columns must be a non-empty array');
  }
  const seen = new Set<string>();
  for (const column of table.columns) {
    const spec = requireColumn(column, at);
    if (seen.has(spec.name)) throw invalid(at, `column "${spec.name}" is defined twice`);
    seen.add(spec.name);
  }
  for (const fk of (table.foreignKeys as unknown[] | undefined) ?? []) requireForeignKey(fk, at);
  for (const exclusion of (table.exclusions as unknown[] | undefined) ?? []) requireExclusion(exclusion, at);
}

export function requireExclusion(exclusion: unknown, where: string): ExclusionSpec {
  checkExclusion(exclusion, where);
  return exclusion;
}

function checkExclusion(exclusion: unknown, where: string): asserts exclusion is ExclusionSpec {
  if (!isObject(exclusion)) throw invalid(where, 'exclusion must be an object with an expression');
  requireName(exclusion.expression, where, 'exclusion expression');
  if (exclusion.name !== undefined) requireName(exclusion.name, where, 'exclusion name');
  if (exclusion.deferrable !== undefined && exclusion.deferrable !== 'INITIALLY IMMEDIATE' && exclusion.deferrable !== 'INITIALLY DEFERRED') {
    throw invalid(where, `exclusion deferrable must be 'INITIALLY IMMEDIATE' or 'INITIALLY DEFERRED' (got ${JSON.stringify(exclusion.deferrable)})`);
  }
}

export function requireForeignKey(fk: unknown, where: string): ForeignKeySpec {
  checkForeignKey(fk, where);
  return fk;
}

function checkForeignKey(fk: unknown, where: string): asserts fk is ForeignKeySpec {
  if (!isObject(fk)) throw invalid(where, 'foreign key must be an object');
  const columns = requireNames(fk.columnNames, where, 'foreign key columnNames');
  requireName(fk.referencedTableName, where, 'referencedTableName');
  const referenced = requireNames(fk.referencedColumnNames, where, 'referencedColumnNames');
  if (columns.length !== referenced.length) {
    throw invalid(where, `foreign key has ${columns.length} column(s) but references ${referenced.length}`);
  }
}

export function requireRows(rows: unknown, where: string): Row[] {
  if (!Array.isArray(rows)) throw invalid(where, 'rows must be an array of objects');
  rows.forEach((row, i) => {
    if (!isObject(row) || Object.keys(row).length === 0) {
      throw invalid(where, `rows[${i}] must be an object with at least one column`);
    }
  });
  return rows as Row[];
}
