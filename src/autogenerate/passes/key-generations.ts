/**
 * A key column whose generation changed (ops/key-generation.ts): `@PrimaryGeneratedColumn()`
 * (serial) ↔ `@PrimaryGeneratedColumn('identity', { generatedIdentity })`, or the identity's
 * ALWAYS ↔ BY DEFAULT. TypeORM's schema builder compares only `isGenerated`, so these were
 * "No changes detected" and the database kept the old generation. Here each becomes an
 * alterColumn of the generation properties (merged into the column's alter when the builder made
 * one), from the live column, so its inverse restores the old generation.
 */
import { fromTableColumn } from '../../ops/from-typeorm';
import { KEY_GENERATION_PROPERTIES, keyGeneration, keyGenerationSpec, type KeyGeneration } from '../../ops/key-generation';
import type { ColumnSpec, Op, OpOf } from '../../ops/types';
import { applyChanges } from '../column-changes';
import { findTable, withLiveTables } from './live-tables';
import { replaceOps, type Pass, type PassContext, type PassState } from './pass';

const columnKey = (table: string, column: string) => `${table}\u0000${column}`;

interface Regeneration {
  table: string;
  column: string;
  existing: ColumnSpec;
  to: KeyGeneration;
}

/** The entities' columns whose live column has another generation. */
async function regenerations(ctx: PassContext): Promise<Regeneration[]> {
  const entities = ctx.dataSource.entityMetadatas.filter((m) => m.synchronize && m.tableType !== 'view' && m.tableType !== 'entity-child');
  if (entities.length === 0) return [];
  return withLiveTables(ctx, entities.map((m) => m.tablePath), async (_queryRunner, tables) =>
    entities.flatMap((metadata) => {
      const live = findTable(tables, metadata.tablePath);
      if (!live) return [];
      return metadata.columns.flatMap((column): Regeneration[] => {
        const liveColumn = live.columns.find((c) => c.name === column.databaseName);
        if (!liveColumn) return [];
        const existing = fromTableColumn(liveColumn);
        const from = keyGeneration(existing);
        const to = keyGeneration(column);
        return from && to && from !== to ? [{ table: metadata.tablePath, column: column.databaseName, existing, to }] : [];
      });
    }),
  );
}

/** The generation properties that differ from the existing column's. */
function generationChanges(existing: ColumnSpec, to: KeyGeneration): Partial<ColumnSpec> {
  return Object.fromEntries(Object.entries(keyGenerationSpec(to)).filter(([key, value]) => existing[key as keyof ColumnSpec] !== value));
}

/**
 * `alter` with its generation written as the properties that say it (the builder's own plain ↔
 * serial alter carries `generationStrategy: undefined`, which a revision compiled with
 * exactOptionalPropertyTypes refuses), becoming `to` when given.
 */
function withGeneration(alter: OpOf<'alterColumn'>, to: KeyGeneration | undefined): OpOf<'alterColumn'> {
  const existing = alter.existing!;
  const from = keyGeneration(existing);
  const target = to ?? keyGeneration(applyChanges(existing, alter.changes));
  if (!from || !target) return alter;
  const rest = Object.entries(alter.changes).filter(([key]) => !(KEY_GENERATION_PROPERTIES as readonly string[]).includes(key));
  return { ...alter, changes: { ...Object.fromEntries(rest), ...generationChanges(existing, target) } };
}

export async function changedKeyGenerations(state: PassState, ctx: PassContext): Promise<PassState> {
  // Only where identity columns exist can the builder miss a change; its own alters are written out everywhere.
  const missed = ctx.dialect.capabilities.identityColumns ? await regenerations(ctx) : [];
  const found = new Map(missed.map((r) => [columnKey(r.table, r.column), r]));
  // The builder's alter of such a column (another property changed too) takes the generation.
  const merged = replaceOps(state, (op) => {
    if (op.kind !== 'alterColumn' || !op.existing || !KEY_GENERATION_PROPERTIES.some((key) => key in op.changes || found.has(columnKey(op.table, op.column)))) return op;
    const r = found.get(columnKey(op.table, op.column));
    found.delete(columnKey(op.table, op.column));
    return withGeneration(op, r?.to);
  });
  const alters: Op[] = [...found.values()].map((r) => ({ kind: 'alterColumn', table: r.table, column: r.column, changes: generationChanges(r.existing, r.to), existing: r.existing }));
  return alters.length === 0 ? merged : { ...merged, ops: [...merged.ops, ...alters] };
}

export const keyGenerationsPass: Pass = { name: 'key-generations', run: changedKeyGenerations };
