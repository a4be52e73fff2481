import type { QueryRunner } from 'typeorm';
import { fromTable } from '../ops/from-typeorm';
import type { TableSpec } from '../ops/types';

/**
 * The schema as comparable data: every table (columns, indices, uniques, checks, foreign keys)
 * in a stable order, leaving out the tables entity-migrate keeps for itself.
 */
export async function schemaSnapshot(queryRunner: QueryRunner, ownTables: readonly string[]): Promise<TableSpec[]> {
  const tables = await queryRunner.getTables();
  const own = new Set(ownTables);
  return tables
    .map(fromTable)
    .filter((t) => !own.has(t.name) && !own.has(t.name.split('.').pop() ?? t.name) && !t.name.startsWith('sqlite_'))
    .map(sortTable)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Lines that say how two snapshots differ (empty when they are equal). */
export function diffSnapshots(before: TableSpec[], after: TableSpec[]): string[] {
  const differences: string[] = [];
  const index = (tables: TableSpec[]) => new Map(tables.map((t) => [t.name, JSON.stringify(t)]));
  const a = index(before);
  const b = index(after);
  for (const [name, json] of a) {
    if (!b.has(name)) differences.push(`table ${name} is missing`);
    else if (b.get(name) !== json) differences.push(`table ${name} differs: ${firstDifference(json, b.get(name)!)}`);
  }
  for (const name of b.keys()) if (!a.has(name)) differences.push(`table ${name} is left over`);
  return differences;
}

function sortTable(table: TableSpec): TableSpec {
  const byName = <T extends { name?: string; columnNames?: string[] }>(items: T[] | undefined) =>
    items && [...items].sort((x, y) => (x.name ?? x.columnNames?.join() ?? '').localeCompare(y.name ?? y.columnNames?.join() ?? ''));
  return {
    ...table,
    columns: [...table.columns].sort((x, y) => x.name.localeCompare(y.name)),
    indices: byName(table.indices),
    uniques: byName(table.uniques),
    checks: byName(table.checks),
    foreignKeys: byName(table.foreignKeys),
  };
}

function firstDifference(expected: string, actual: string): string {
  let i = 0;
  while (i < expected.length && expected[i] === actual[i]) i++;
  const from = Math.max(0, i - 40);
  return `expected …${expected.slice(from, i + 40)}… got …${actual.slice(from, i + 40)}…`;
}
