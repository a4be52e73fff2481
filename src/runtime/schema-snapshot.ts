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
  return diffKeyed(kind, keyedBy(before, (t) => t.name), keyedBy(after, (t) => t.name), (was, is) => {
    const changes = changedParts(was, is);
    return changes.length > 0 ? `differs: ${changes.join(', ')}` : undefined;
  });
}

/** The parts of a table that come as lists, each item known by its name (or its columns). */
const TABLE_PARTS = { columns: 'column', indices: 'index', uniques: 'unique', checks: 'check', exclusions: 'exclusion', foreignKeys: 'foreign key' } as const;

/**
 * What differs between two versions of one table or view, by part: `column createdAt is left over`,
 * `column email (isNullable true → false)`, `index IDX_1 is missing`, `comment "a" → (none)`.
 * Nothing (an empty list) when only the order of keys differs.
 */
function changedParts(expected: object, actual: object): string[] {
  return changedKeys(expected, actual).flatMap(([key, was, is]) => {
    const part = TABLE_PARTS[key as keyof typeof TABLE_PARTS];
    if (!part) return [`${key} ${shown(was)} → ${shown(is)}`];
    const items = (list: unknown) => keyedBy((list as object[] | undefined) ?? [], partKey);
    return diffKeyed(part, items(was), items(is), (a, b) => {
      const fields = changedKeys(a, b).map(([field, x, y]) => `${field} ${shown(x)} → ${shown(y)}`);
      return fields.length > 0 ? `(${fields.join(', ')})` : undefined;
    });
  });
}

/** `name is missing`, `name is left over`, or `name <change>` where `describe` finds one. */
function diffKeyed<T>(kind: string, before: Map<string, T>, after: Map<string, T>, describe: (was: T, is: T) => string | undefined): string[] {
  const lines: string[] = [];
  for (const [key, was] of before) {
    const is = after.get(key);
    const change = is === undefined ? 'is missing' : JSON.stringify(is) === JSON.stringify(was) ? undefined : describe(was, is);
    if (change) lines.push(`${kind} ${key} ${change}`);
  }
  for (const key of after.keys()) if (!before.has(key)) lines.push(`${kind} ${key} is left over`);
  return lines;
}

function keyedBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

/** An index, unique, check… by its name, or by its columns where it has none. */
function partKey(item: object): string {
  const { name, columnNames } = item as { name?: string; columnNames?: string[] };
  return name ?? `(${columnNames?.join(', ') ?? JSON.stringify(item)})`;
}

/** The keys of two objects whose values differ, with both values. */
function changedKeys(expected: object, actual: object): [key: string, was: unknown, is: unknown][] {
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  return [...new Set([...Object.keys(e), ...Object.keys(a)])]
    .filter((key) => JSON.stringify(e[key]) !== JSON.stringify(a[key]))
    .map((key) => [key, e[key], a[key]]);
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
