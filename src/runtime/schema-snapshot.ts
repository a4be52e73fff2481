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

function diffNamed(kind: string, before: readonly { name: string }[], after: readonly { name: string }[]): string[] {
  const differences: string[] = [];
  const index = (items: readonly { name: string }[]) => new Map(items.map((t) => [t.name, JSON.stringify(t)]));
  const a = index(before);
  const b = index(after);
  for (const [name, json] of a) {
    if (!b.has(name)) differences.push(`${kind} ${name} is missing`);
    else if (b.get(name) !== json) differences.push(`${kind} ${name} differs: ${firstDifference(json, b.get(name)!)}`);
  }
  for (const name of b.keys()) if (!a.has(name)) differences.push(`${kind} ${name} is left over`);
  return differences;
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
