/**
 * Drop `alterColumn` ops whose old and new column are the same once spelling is normalized
 * (see ../normalize.ts), and drop properties from the rest that only differ in spelling, so a
 * schema created from the entities reports no changes.
 */
import type { ColumnSpec, Op } from '../../ops/types';
import { applyChanges } from '../column-changes';
import { sameColumn } from '../normalize';
import type { PassState } from './pass';

function withoutSpellingOnlyChanges(existing: ColumnSpec, changes: Partial<ColumnSpec>): Partial<ColumnSpec> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (!sameColumn(existing, { ...existing, [key]: value })) kept[key] = value;
  }
  return kept as Partial<ColumnSpec>;
}

export function filterFalseDiffs(state: PassState): PassState {
  const ops: Op[] = [];
  for (const op of state.ops) {
    if (op.kind !== 'alterColumn' || !op.existing) {
      ops.push(op);
      continue;
    }
    if (sameColumn(op.existing, applyChanges(op.existing, op.changes))) continue;
    const changes = withoutSpellingOnlyChanges(op.existing, op.changes);
    // Keys that only matter together (uuid default ↔ generated uuid) can each look significant.
    ops.push({ ...op, changes: Object.keys(changes).length > 0 ? changes : op.changes });
  }
  return { ...state, ops };
}
