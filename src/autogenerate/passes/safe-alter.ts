/**
 * TypeORM runs a type, length, array or generated-expression change as DROP COLUMN + ADD COLUMN,
 * which empties the column. We keep such changes as an in-place `alterColumn` (PostgreSQL
 * `ALTER COLUMN … TYPE … USING`, MySQL `MODIFY`, SQLite a rebuild that copies rows) and flag
 * what can still lose data; a change with no in-place form becomes an explicit, flagged
 * drop + add.
 */
import type { ColumnSpec, Op, OpOf } from '../../ops/types';
import type { DestructiveChange } from '../types';
import { applyChanges } from '../column-changes';
import type { Pass, PassContext, PassState } from './pass';

/** Type changes that never lose or reject a value (old → allowed new types). */
const WIDENINGS: Record<string, string[]> = {
  smallint: ['integer', 'int', 'bigint', 'numeric', 'decimal', 'real', 'double precision'],
  integer: ['bigint', 'numeric', 'decimal', 'double precision'],
  int: ['bigint', 'numeric', 'decimal', 'double precision'],
  real: ['double precision'],
  'character varying': ['text'],
  varchar: ['text'],
  character: ['character varying', 'varchar', 'text'],
  char: ['character varying', 'varchar', 'text'],
  'timestamp without time zone': ['timestamp with time zone'],
  timestamp: ['timestamptz', 'timestamp with time zone'],
  json: ['jsonb'],
};

function lengthOf(spec: ColumnSpec): number | undefined {
  const n = Number(spec.length);
  return spec.length === undefined || spec.length === '' || Number.isNaN(n) ? undefined : n;
}

/** Why this change can lose or reject existing values, or undefined when it cannot. */
function lossReason(before: ColumnSpec, after: ColumnSpec, qualified: string): string | undefined {
  if (before.type !== after.type && !(WIDENINGS[before.type] ?? []).includes(after.type)) {
    return `changes ${qualified} from ${before.type} to ${after.type}; values that do not convert make the upgrade fail or change`;
  }
  const lb = lengthOf(before);
  const la = lengthOf(after);
  if (la !== undefined && (lb === undefined || la < lb)) {
    return `shortens ${qualified} from ${lb ?? 'unbounded'} to ${la}; longer values make the upgrade fail`;
  }
  if ((after.precision ?? Infinity) < (before.precision ?? Infinity) || (after.scale ?? Infinity) < (before.scale ?? Infinity)) {
    return `reduces the precision/scale of ${qualified}; values are rounded or rejected`;
  }
  if (before.isArray && !after.isArray) return `turns array column ${qualified} into a scalar; only the first element is kept`;
  const removed = (before.enum ?? []).filter((v) => !(after.enum ?? []).includes(v));
  if (removed.length > 0) {
    return `removes enum value(s) ${removed.join(', ')} from ${qualified}; rows holding them make the upgrade fail`;
  }
  return undefined;
}

/** A generated expression cannot be added or changed in place (PostgreSQL, MySQL stored columns). */
function noInPlaceForm(before: ColumnSpec, after: ColumnSpec): string | undefined {
  if (after.generatedType === 'STORED' && (!before.generatedType || before.asExpression !== after.asExpression)) {
    return 'a stored generated column cannot be altered in place; the column is dropped and re-added (its values are recomputed)';
  }
  return undefined;
}

export function safeAlter(state: PassState, ctx: Pick<PassContext, 'dialect'>): PassState {
  const ops: Op[] = [];
  const destructive: DestructiveChange[] = [...state.destructive];
  for (const op of state.ops) {
    if (op.kind !== 'alterColumn' || !op.existing) {
      ops.push(op);
      continue;
    }
    const before = op.existing;
    const after = applyChanges(before, op.changes);
    const qualified = `${op.table}.${op.column}`;
    const impossible = noInPlaceForm(before, after);
    if (impossible) {
      const drop: Op = { kind: 'dropColumn', table: op.table, column: before };
      ops.push(drop, { kind: 'addColumn', table: op.table, column: after });
      destructive.push({ op: drop, reason: `${qualified}: ${impossible}` });
      continue;
    }
    const using = ctx.dialect.introspection.alterUsing?.(before, after);
    const alter: OpOf<'alterColumn'> = using ? { ...op, using } : op;
    ops.push(alter);
    // A database that does not enforce types or lengths (SQLite) keeps every value unchanged.
    const loss = ctx.dialect.capabilities.enforcesColumnTypes ? lossReason(before, after, qualified) : undefined;
    if (loss) destructive.push({ op: alter, reason: loss });
  }
  return { ops, destructive };
}

export const safeAlterPass: Pass = { name: 'safe-alter', run: safeAlter };
