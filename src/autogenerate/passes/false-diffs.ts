/**
 * Drop `alterColumn` ops whose old and new column are the same once spelling is normalized
 * (see ../normalize.ts), and drop properties from the rest that only differ in spelling, so a
 * schema created from the entities reports no changes.
 *
 * TypeORM drops the composite indices and uniques on a column it believes changed, and the
 * foreign keys pointing at it, and creates them again after the change. When the change was only
 * spelling, the drop and the identical create are dropped too.
 */
import type { ColumnSpec, ForeignKeySpec, IndexSpec, Op, UniqueSpec } from '../../ops/types';
import { KEY_GENERATION_PROPERTIES } from '../../ops/key-generation';
import { applyChanges } from '../column-changes';
import { changesType, sameColumn } from '../normalize';
import { changedColumns, involvedColumns } from './constraint-columns';
import { replaceOps, type Pass, type PassContext, type PassState } from './pass';

const GENERATION_KEYS: ReadonlySet<string> = new Set(KEY_GENERATION_PROPERTIES);

function withoutSpellingOnlyChanges(existing: ColumnSpec, changes: Partial<ColumnSpec>): Partial<ColumnSpec> {
  // On a column that becomes another type the default is set again, as the entity writes it.
  const newType = changesType(existing, applyChanges(existing, changes));
  // A key's generation is three properties that mean something together (identity's ALWAYS
  // changes nothing on a serial column alone), so they are weighed together.
  const generation = Object.fromEntries(Object.entries(changes).filter(([key]) => GENERATION_KEYS.has(key)));
  const generationChanges = !sameColumn(existing, { ...existing, ...generation });
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    const significant = GENERATION_KEYS.has(key) ? generationChanges : !sameColumn(existing, { ...existing, [key]: value });
    if ((newType && key === 'default') || significant) kept[key] = value;
  }
  return kept as Partial<ColumnSpec>;
}

export function filterFalseDiffs(state: PassState): PassState {
  const trimmed = replaceOps(state, (op) => {
    if (op.kind !== 'alterColumn' || !op.existing) return op;
    if (sameColumn(op.existing, applyChanges(op.existing, op.changes))) return [];
    const changes = withoutSpellingOnlyChanges(op.existing, op.changes);
    // Keys that only matter together (uuid default ↔ generated uuid) can each look significant.
    return { ...op, changes: Object.keys(changes).length > 0 ? changes : op.changes };
  });
  const ops = withoutCollateralRecreates(trimmed.ops);
  return { ops, destructive: trimmed.destructive.filter((d) => ops.includes(d.op)) };
}

/**
 * `unique: true` on a table's only primary key column: the key already makes it unique, and
 * TypeORM creates no UNIQUE constraint beside it, so it reads the column back as not unique and
 * its builder asked for `isUnique` on every run (found on TypeORM's own github-issues/4958 set).
 */
function withoutImpliedUniques(state: PassState, ctx: PassContext): PassState {
  const soleKey = new Map<string, string>();
  for (const metadata of ctx.dataSource.entityMetadatas) {
    if (metadata.primaryColumns.length === 1) soleKey.set(metadata.tablePath, metadata.primaryColumns[0]!.databaseName);
  }
  return replaceOps(state, (op) => {
    if (op.kind !== 'alterColumn' || soleKey.get(op.table) !== op.column || !op.existing?.isPrimary || op.changes.isPrimary === false) return op;
    const { isUnique: _implied, ...changes } = op.changes;
    return Object.keys(changes).length > 0 ? { ...op, changes } : [];
  });
}

export const falseDiffsPass: Pass = { name: 'false-diffs', run: (state, ctx) => filterFalseDiffs(withoutImpliedUniques(state, ctx)) };

/** A constraint as comparable text: column order ignored (TypeORM's PostgreSQL introspection loses it). */
function constraintKey(op: Op): string | undefined {
  const sorted = (names: readonly string[]) => [...names].sort();
  switch (op.kind) {
    case 'createIndex':
    case 'dropIndex': {
      if (typeof op.index === 'string') return undefined;
      const { name, columnNames, isUnique, isSpatial, isFulltext, isNullFiltered, where, parser, type } = op.index as IndexSpec;
      return JSON.stringify(['index', op.table, name, sorted(columnNames), !!isUnique, !!isSpatial, !!isFulltext, !!isNullFiltered, where ?? '', parser ?? '', type ?? '']);
    }
    case 'createUnique':
    case 'dropUnique': {
      if (typeof op.unique === 'string') return undefined;
      const { name, columnNames, deferrable } = op.unique as UniqueSpec;
      return JSON.stringify(['unique', op.table, name, sorted(columnNames), deferrable ?? '']);
    }
    case 'createForeignKey':
    case 'dropForeignKey': {
      if (typeof op.foreignKey === 'string') return undefined;
      const fk = op.foreignKey as ForeignKeySpec;
      return JSON.stringify([
        'fk', op.table, fk.name, fk.columnNames, fk.referencedTableName, fk.referencedColumnNames,
        fk.onDelete ?? 'NO ACTION', fk.onUpdate ?? 'NO ACTION', fk.deferrable ?? '',
      ]);
    }
    default:
      return undefined;
  }
}

/**
 * Remove a drop and a later identical create of the same index, unique or foreign key when no
 * column it involves is still altered, added or dropped: TypeORM only recreated it around a
 * column change that turned out to be spelling.
 */
function withoutCollateralRecreates(ops: Op[]): Op[] {
  const changed = changedColumns(ops);
  const removed = new Set<number>();
  ops.forEach((drop, i) => {
    if (!drop.kind.startsWith('drop')) return;
    const key = constraintKey(drop);
    if (key === undefined || involvedColumns(drop).some((c) => changed.has(c))) return;
    const j = ops.findIndex((create, k) => k > i && !removed.has(k) && create.kind === drop.kind.replace(/^drop/, 'create') && constraintKey(create) === key);
    if (j < 0) return;
    removed.add(i);
    removed.add(j);
  });
  return ops.filter((_, i) => !removed.has(i));
}
