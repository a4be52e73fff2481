/**
 * Find the live object a drop op means. A drop op may name it, or carry the full spec (which is
 * what makes it reversible); an unnamed spec is matched on its columns (or check/exclusion expression)
 * against the table as the query runner knows it.
 */
import type { Table, TableCheck, TableColumn, TableExclusion, TableForeignKey, TableIndex, TableUnique } from 'typeorm';
import type { ExecutionContext } from '../execution';
import { OpError } from '../../errors';
import { cachedTable } from '../table-cache';
import type { CheckSpec, ExclusionSpec, ForeignKeySpec, IndexSpec, OpOf, UniqueSpec } from '../types';
import { mergeColumn } from './merge-column';

export function notFound(table: string, what: string): OpError {
  return new OpError('OP_INVALID', `table "${table}": ${what} not found`);
}

export function tableOf(ctx: ExecutionContext, name: string): Promise<Table> {
  return cachedTable(ctx.queryRunner, name);
}

export function findColumn(table: Table, tableName: string, name: string): TableColumn {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw notFound(tableName, `column "${name}"`);
  return column;
}

/** Where every alterColumn starts: the table as the runner knows it, the column now (`old`) and as the op wants it (`next`). */
export async function columnToAlter(op: OpOf<'alterColumn'>, ctx: ExecutionContext): Promise<{ table: Table; old: TableColumn; next: TableColumn }> {
  const table = await tableOf(ctx, op.table);
  const old = findColumn(table, op.table, op.column);
  return { table, old, next: mergeColumn(ctx.dataSource, old, op.changes) };
}

const sameColumns = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((name, i) => name === b[i]);

type Named = { name?: string; columnNames: string[] };

function findNamed<T extends Named>(items: T[], ref: Named | string, tableName: string, what: string): T {
  const found =
    typeof ref === 'string'
      ? items.find((item) => item.name === ref)
      : ref.name !== undefined
        ? items.find((item) => item.name === ref.name)
        : items.find((item) => sameColumns(item.columnNames, ref.columnNames));
  if (!found) {
    const label = typeof ref === 'string' ? ref : (ref.name ?? `on (${ref.columnNames.join(', ')})`);
    throw notFound(tableName, `${what} "${label}"`);
  }
  return found;
}

export const findIndex = (table: Table, tableName: string, ref: IndexSpec | string): TableIndex =>
  findNamed(table.indices, ref, tableName, 'index');

export const findUnique = (table: Table, tableName: string, ref: UniqueSpec | string): TableUnique =>
  findNamed(table.uniques, ref, tableName, 'unique constraint');

export const findForeignKey = (table: Table, tableName: string, ref: ForeignKeySpec | string): TableForeignKey =>
  findNamed(table.foreignKeys, ref, tableName, 'foreign key');

/** An expression with its quoting, parentheses, spacing and case left out: how unnamed constraints are matched. */
const normalize = (sql: string | undefined) => (sql ?? '').replace(/[\s()"`]/g, '').toLowerCase();

type Expressed = { name?: string; expression?: string; deferrable?: string };

/** By name, or (a spec without one) by its expression as `text` spells it. */
function findExpressed<T extends Expressed>(items: T[], ref: Expressed | string, text: (item: Expressed) => string, tableName: string, what: string): T {
  const found =
    typeof ref === 'string'
      ? items.find((item) => item.name === ref)
      : ref.name !== undefined
        ? items.find((item) => item.name === ref.name)
        : items.find((item) => normalize(text(item)) === normalize(text(ref)));
  if (!found) throw notFound(tableName, `${what} "${typeof ref === 'string' ? ref : (ref.name ?? ref.expression)}"`);
  return found;
}

export const findCheck = (table: Table, tableName: string, ref: CheckSpec | string): TableCheck =>
  findExpressed(table.checks, ref, (c) => c.expression ?? '', tableName, 'check');

/**
 * The database reads a DEFERRABLE exclusion's clause back as part of its expression (PostgreSQL:
 * `DEFERRABLE`, then `INITIALLY DEFERRED` when it is), so an unnamed spec is matched with it.
 */
function exclusionText(item: Expressed): string {
  if (!item.deferrable) return item.expression ?? '';
  return `${item.expression ?? ''} DEFERRABLE${/DEFERRED/i.test(item.deferrable) ? ' INITIALLY DEFERRED' : ''}`;
}

export const findExclusion = (table: Table, tableName: string, ref: ExclusionSpec | string): TableExclusion =>
  findExpressed(table.exclusions, ref, exclusionText, tableName, 'exclusion constraint');
