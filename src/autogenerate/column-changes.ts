/**
 * The `changes` of an `alterColumn`: the column properties whose value differs between the old
 * and the new definition. A property the new definition no longer has is set to its "absent"
 * value, so `{ ...existing, ...changes }` is exactly the new column.
 */
import type { ColumnSpec } from '../ops/types';

/** What "not set" looks like for properties where `undefined` would read as "keep". */
const ABSENT: Partial<Record<keyof ColumnSpec, ColumnSpec[keyof ColumnSpec]>> = {
  default: null,
  isNullable: false,
  isGenerated: false,
  isPrimary: false,
  isUnique: false,
  isArray: false,
  unsigned: false,
  zerofill: false,
  length: '',
  comment: '',
  precision: null,
};

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function columnChanges(existing: ColumnSpec, next: ColumnSpec): Partial<ColumnSpec> {
  const keys = new Set([...Object.keys(existing), ...Object.keys(next)] as (keyof ColumnSpec)[]);
  const changes: Record<string, unknown> = {};
  for (const key of keys) {
    const before = existing[key];
    const after = key in next ? next[key] : key in ABSENT ? ABSENT[key] : undefined;
    if (!same(before ?? ABSENT[key], after ?? ABSENT[key])) changes[key] = after;
  }
  return changes as Partial<ColumnSpec>;
}

/** The column after the change. */
export function applyChanges(existing: ColumnSpec, changes: Partial<ColumnSpec>): ColumnSpec {
  return { ...existing, ...changes };
}
