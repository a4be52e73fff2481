/**
 * The `changes` of an `alterColumn`: the column properties whose value differs between the old
 * and the new definition. A property the new definition no longer has is set to its "unset"
 * value (unset-values.ts), so `{ ...existing, ...changes }` is exactly the new column.
 */
import type { ColumnSpec } from '../ops/types';
import { UNSET_COLUMN_VALUES } from '../ops/unset-values';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function columnChanges(existing: ColumnSpec, next: ColumnSpec): Partial<ColumnSpec> {
  const keys = new Set([...Object.keys(existing), ...Object.keys(next)] as (keyof ColumnSpec)[]);
  const changes: Record<string, unknown> = {};
  for (const key of keys) {
    const before = existing[key];
    const after = key in next ? next[key] : key in UNSET_COLUMN_VALUES ? UNSET_COLUMN_VALUES[key] : undefined;
    if (!same(before ?? UNSET_COLUMN_VALUES[key], after ?? UNSET_COLUMN_VALUES[key])) changes[key] = after;
  }
  return changes as Partial<ColumnSpec>;
}

/** The column after the change. */
export function applyChanges(existing: ColumnSpec, changes: Partial<ColumnSpec>): ColumnSpec {
  return { ...existing, ...changes };
}
