/**
 * Each op's inverse (Alembic's `MigrateOperation.reverse()`). Autogenerate builds the upgrade op
 * list; the downgrade is `reverseOps(upgrade)`. Drop ops are reversible only when they carry the
 * full definition they remove; anything else throws an OpError saying why.
 */
import { assertNever } from './execution';
import { OpError } from '../errors';
import type { ColumnSpec, Op } from './types';
import { bareTableName, renamedTablePath } from './table-path';
import { UNSET_COLUMN_VALUES } from './unset-values';

function irreversible(op: Op, why: string): OpError {
  return new OpError('OP_INVALID', `${op.kind} cannot be reversed: ${why}`);
}

/** An online op's inverse is online too: the downgrade runs on the same live table. */
const online = (op: { online?: boolean }): { online?: true } => (op.online ? { online: true } : {});

export function reverseOp(op: Op): Op {
  switch (op.kind) {
    case 'createTable':
      return { kind: 'dropTable', table: op.table };
    case 'dropTable':
      if (typeof op.table === 'string') {
        throw irreversible(op, `table "${op.table}" was dropped by name; pass its full TableSpec`);
      }
      return { kind: 'createTable', table: op.table };
    case 'renameTable':
      return { kind: 'renameTable', from: renamedTablePath(op.from, op.to), to: bareTableName(op.from) };
    case 'addColumn':
      return { kind: 'dropColumn', table: op.table, column: op.column };
    case 'dropColumn':
      if (typeof op.column === 'string') {
        throw irreversible(op, `column "${op.table}.${op.column}" was dropped by name; pass its full ColumnSpec`);
      }
      return { kind: 'addColumn', table: op.table, column: op.column };
    case 'renameColumn':
      return { kind: 'renameColumn', table: op.table, from: op.to, to: op.from };
    case 'alterColumn':
      return reverseAlterColumn(op);
    case 'createIndex':
      return { kind: 'dropIndex', table: op.table, index: op.index, ...online(op) };
    case 'dropIndex':
      if (typeof op.index === 'string') {
        throw irreversible(op, `index "${op.index}" on "${op.table}" was dropped by name; pass its full IndexSpec`);
      }
      return { kind: 'createIndex', table: op.table, index: op.index, ...online(op) };
    case 'createUnique':
      return { kind: 'dropUnique', table: op.table, unique: op.unique, ...online(op) };
    case 'dropUnique':
      if (typeof op.unique === 'string') {
        throw irreversible(op, `unique "${op.unique}" on "${op.table}" was dropped by name; pass its full UniqueSpec`);
      }
      return { kind: 'createUnique', table: op.table, unique: op.unique, ...online(op) };
    case 'createCheck':
      return { kind: 'dropCheck', table: op.table, check: op.check, ...online(op) };
    case 'dropCheck':
      if (typeof op.check === 'string') {
        throw irreversible(op, `check "${op.check}" on "${op.table}" was dropped by name; pass its full CheckSpec`);
      }
      return { kind: 'createCheck', table: op.table, check: op.check, ...online(op) };
    case 'createExclusion':
      return { kind: 'dropExclusion', table: op.table, exclusion: op.exclusion };
    case 'dropExclusion':
      if (typeof op.exclusion === 'string') {
        throw irreversible(op, `exclusion constraint "${op.exclusion}" on "${op.table}" was dropped by name; pass its full ExclusionSpec`);
      }
      return { kind: 'createExclusion', table: op.table, exclusion: op.exclusion };
    case 'createForeignKey':
      return { kind: 'dropForeignKey', table: op.table, foreignKey: op.foreignKey, ...online(op) };
    case 'dropForeignKey':
      if (typeof op.foreignKey === 'string') {
        throw irreversible(op, `foreign key "${op.foreignKey}" on "${op.table}" was dropped by name; pass its full ForeignKeySpec`);
      }
      return { kind: 'createForeignKey', table: op.table, foreignKey: op.foreignKey, ...online(op) };
    case 'createPrimaryKey':
      return { ...op, kind: 'dropPrimaryKey' };
    case 'dropPrimaryKey':
      return { ...op, kind: 'createPrimaryKey' };
    case 'setTableComment':
      if (op.existing === undefined) {
        throw irreversible(op, `the previous comment of "${op.table}" is unknown; pass existing`);
      }
      return { kind: 'setTableComment', table: op.table, comment: op.existing, existing: op.comment };
    case 'createSchema':
      return { kind: 'dropSchema', schema: op.schema };
    case 'dropSchema':
      return { kind: 'createSchema', schema: op.schema };
    case 'createView':
      return { kind: 'dropView', view: op.view };
    case 'dropView':
      if (typeof op.view === 'string') {
        throw irreversible(op, `view "${op.view}" was dropped by name; pass its full ViewSpec`);
      }
      return { kind: 'createView', view: op.view };
    case 'execute':
      throw irreversible(op, 'raw SQL has no known inverse; write the downgrade by hand');
    case 'bulkInsert':
      return { kind: 'bulkDelete', table: op.table, rows: op.rows };
    case 'bulkDelete':
      if (!Array.isArray(op.rows)) {
        throw irreversible(op, `rows deleted from "${op.table}" by a where clause are unknown; pass the rows`);
      }
      return { kind: 'bulkInsert', table: op.table, rows: op.rows };
    default:
      return assertNever(op, 'op kind');
  }
}

/** The downgrade of an upgrade: the reversed ops, in reverse order. */
export function reverseOps(ops: readonly Op[]): Op[] {
  return ops.map(reverseOp).reverse();
}

/**
 * The inverse of an alter sets the changed keys back to what `existing` had, and its own
 * `existing` is the column after the change (so reversing twice gives the original back).
 */
function reverseAlterColumn(op: Extract<Op, { kind: 'alterColumn' }>): Op {
  const { existing } = op;
  if (!existing) {
    throw irreversible(op, `"${op.table}.${op.column}" has no existing column definition; pass options.existing`);
  }
  const changes: Partial<ColumnSpec> = {};
  const keys = new Set(Object.keys(op.changes) as (keyof ColumnSpec)[]);
  // A type change resets the size and enum values (see merge-column.ts), so going back must
  // restore the old ones explicitly: varchar(20) → enum → varchar needs its 20 again.
  if (keys.has('type')) {
    for (const key of ['length', 'precision', 'scale', 'enum'] as const) if (existing[key] !== undefined) keys.add(key);
  }
  for (const key of keys) {
    // A key the old column did not set goes back to "unset", which TypeORM reads as the default.
    (changes as Record<string, unknown>)[key] = existing[key] ?? UNSET_COLUMN_VALUES[key];
  }
  const after: ColumnSpec = { ...existing, ...op.changes };
  return {
    kind: 'alterColumn',
    table: op.table,
    column: op.changes.name ?? op.column,
    changes,
    existing: after,
    ...online(op),
  };
}

