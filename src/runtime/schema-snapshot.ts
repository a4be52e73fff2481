import type { QueryRunner } from 'typeorm';
import { dialectFor } from '../dialects';
import { tolerateMissingMetadataTable } from '../typeorm-internals';
import { fromTable, fromView } from '../ops/from-typeorm';
import { bareTableName } from '../ops/table-path';
import type { TableSpec, ViewSpec } from '../ops/types';

/** The schema as comparable data, in a stable order. */
export interface SchemaSnapshot {
  tables: TableSpec[];
  views: ViewSpec[];
}

/**
 * Every table (columns, indices, uniques, checks, exclusions, foreign keys) and view, leaving out the
 * bookkeeping tables named in `ignoredTables`.
 */
export async function schemaSnapshot(queryRunner: QueryRunner, ignoredTables: readonly string[]): Promise<SchemaSnapshot> {
  const ignored = new Set(ignoredTables);
  const keep = (name: string) => !ignored.has(name) && !ignored.has(bareTableName(name));
  // Never getTables() without names: on MySQL it reads every database on the server, other apps' included.
  const { introspection } = dialectFor(queryRunner.connection);
  tolerateMissingMetadataTable(queryRunner);
  const names = await introspection.tableNames(queryRunner);
  const loaded = names.length === 0 ? [] : await queryRunner.getTables(names);
  // Read as autogenerate reads them, and checks and predicates in the words they settle in.
  await introspection.fixLoadedTables?.(queryRunner, loaded);
  await introspection.settleExpressions?.(queryRunner, loaded);
  const tables = loaded
    .map(fromTable)
    .filter((t) => keep(t.name))
    .map(sortTable)
    .sort(byName);
  const views = (await queryRunner.getViews()).map(fromView).sort(byName);
  return { tables, views };
}

/** Lines that say how two snapshots differ (empty when they are equal). */
export function diffSnapshots(before: SchemaSnapshot, after: SchemaSnapshot): string[] {
  return [...diffNamed('table', before.tables, after.tables), ...diffNamed('view', before.views, after.views)];
}

function diffNamed<T extends { name: string }>(kind: string, before: readonly T[], after: readonly T[]): string[] {
  const differences: string[] = [];
  const a = new Map(before.map((t) => [t.name, t]));
  const b = new Map(after.map((t) => [t.name, t]));
  for (const [name, item] of a) {
    const other = b.get(name);
    if (!other) differences.push(`${kind} ${name} is missing`);
    else if (JSON.stringify(other) !== JSON.stringify(item)) differences.push(`${kind} ${name} differs: ${whatDiffers(item, other)}`);
  }
  for (const name of b.keys()) if (!a.has(name)) differences.push(`${kind} ${name} is left over`);
  return differences;
}

/** The parts of a table that come as lists, each item known by its name (or its columns). */
const TABLE_PARTS = { columns: 'column', indices: 'index', uniques: 'unique', checks: 'check', exclusions: 'exclusion', foreignKeys: 'foreign key' } as const;

/**
 * What differs between two versions of one table or view, by part: `column createdAt is left over`,
 * `column email: isNullable true → false`, `index IDX_1 is missing`; what has no name of its own falls
 * back to the first place where the two texts part.
 */
function whatDiffers(expected: object, actual: object): string {
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const lines: string[] = [];
  for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
    const [was, is] = [e[key], a[key]];
    if (JSON.stringify(was) === JSON.stringify(is)) continue;
    const part = TABLE_PARTS[key as keyof typeof TABLE_PARTS];
    if (part) lines.push(...diffParts(part, (was as object[] | undefined) ?? [], (is as object[] | undefined) ?? []));
    else lines.push(`${key} ${shown(was)} → ${shown(is)}`);
  }
  return lines.length > 0 ? lines.join(', ') : firstDifference(JSON.stringify(expected), JSON.stringify(actual));
}

function diffParts(part: string, before: readonly object[], after: readonly object[]): string[] {
  const keyOf = (item: object) => {
    const { name, columnNames } = item as { name?: string; columnNames?: string[] };
    return name ?? `(${columnNames?.join(', ') ?? JSON.stringify(item)})`;
  };
  const a = new Map(before.map((item) => [keyOf(item), item]));
  const b = new Map(after.map((item) => [keyOf(item), item]));
  const lines: string[] = [];
  for (const [key, item] of a) {
    const other = b.get(key);
    if (!other) lines.push(`${part} ${key} is missing`);
    else if (JSON.stringify(other) !== JSON.stringify(item)) lines.push(`${part} ${key}: ${fieldChanges(item, other)}`);
  }
  for (const key of b.keys()) if (!a.has(key)) lines.push(`${part} ${key} is left over`);
  return lines;
}

function fieldChanges(expected: object, actual: object): string {
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  return [...new Set([...Object.keys(e), ...Object.keys(a)])]
    .filter((key) => JSON.stringify(e[key]) !== JSON.stringify(a[key]))
    .map((key) => `${key} ${shown(e[key])} → ${shown(a[key])}`)
    .join(', ');
}

/** A value as the message shows it, cut short: the point is which field, not the whole text. */
function shown(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}

function sortTable(table: TableSpec): TableSpec {
  const sorted = <T extends { name?: string; columnNames?: string[] }>(items: T[] | undefined) =>
    items && [...items].sort((x, y) => (x.name ?? x.columnNames?.join() ?? '').localeCompare(y.name ?? y.columnNames?.join() ?? ''));
  return {
    ...table,
    columns: [...table.columns].sort((x, y) => x.name.localeCompare(y.name)),
    indices: sorted(table.indices),
    uniques: sorted(table.uniques),
    checks: sorted(table.checks),
    exclusions: sorted(table.exclusions),
    foreignKeys: sorted(table.foreignKeys),
  };
}

function firstDifference(expected: string, actual: string): string {
  let i = 0;
  while (i < expected.length && expected[i] === actual[i]) i++;
  const from = Math.max(0, i - 40);
  return `expected …${expected.slice(from, i + 40)}… got …${actual.slice(from, i + 40)}…`;
}
