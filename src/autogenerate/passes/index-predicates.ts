/**
 * A changed `where` of an explicitly named partial index. TypeORM's schema builder matches indices
 * by name and compares columns, uniqueness and type, but not the predicate, so `@Index('IX_x',
 * ['a'], { where: 'b > 1' })` changed to `b > 2` goes unnoticed (a generated name hashes the
 * predicate, so unnamed indices are caught by the builder). Here such an index becomes
 * dropIndex(old) + createIndex(new).
 *
 * Predicates are compared as the database would store them: the dialect's `samePredicate` where
 * the database rewrites them (PostgreSQL), else as text with whitespace runs folded (SQLite keeps
 * the text TypeORM wrote).
 */
import { TableIndex, type QueryRunner, type Table } from 'typeorm';
import { fromTableIndex } from '../../ops/from-typeorm';
import { bareTableName, splitTableName } from '../../ops/table-path';
import type { IndexSpec, Op } from '../../ops/types';
import type { Pass, PassContext, PassState } from './pass';

interface Candidate {
  table: string;
  entityIndex: IndexSpec;
}

export async function changedIndexPredicates(state: PassState, ctx: PassContext): Promise<PassState> {
  const { dataSource } = ctx;
  const touched = new Set(
    state.ops.flatMap((op) => ((op.kind === 'createIndex' || op.kind === 'dropIndex') && typeof op.index !== 'string' ? [op.index.name] : [])),
  );
  const candidates: Candidate[] = [];
  for (const metadata of dataSource.entityMetadatas) {
    if (metadata.tableType === 'view') continue;
    for (const index of metadata.indices) {
      if (!index.givenName || touched.has(index.name)) continue;
      candidates.push({ table: metadata.tablePath, entityIndex: fromTableIndex(TableIndex.create(index)) });
    }
  }
  if (candidates.length === 0) return state;

  const queryRunner = dataSource.createQueryRunner();
  try {
    const tables = await queryRunner.getTables([...new Set(candidates.map((c) => c.table))]);
    // As the builder orders its own: drops first (a predicate may pin a type that an alter
    // changes), creates last.
    const drops: Op[] = [];
    const creates: Op[] = [];
    for (const { table, entityIndex } of candidates) {
      const live = findTable(tables, table)?.indices.find((i) => i.name === entityIndex.name);
      if (!live) continue;
      const liveIndex = fromTableIndex(live);
      if (!(await predicatesDiffer(queryRunner, ctx, table, liveIndex, entityIndex))) continue;
      drops.push({ kind: 'dropIndex', table, index: liveIndex });
      creates.push({ kind: 'createIndex', table, index: entityIndex });
    }
    return drops.length === 0 ? state : { ...state, ops: [...drops, ...state.ops, ...creates] };
  } finally {
    await queryRunner.release();
  }
}

/** The loaded table at `path` (`audit.event`, or `event` in the default schema). */
export function findTable(tables: readonly Table[], path: string): Table | undefined {
  const { schema, name } = splitTableName(path);
  return tables.find((t) => t.name === path) ?? tables.find((t) => bareTableName(t.name) === name && schema === undefined);
}

async function predicatesDiffer(queryRunner: QueryRunner, ctx: PassContext, table: string, live: IndexSpec, wanted: IndexSpec): Promise<boolean> {
  const a = live.where?.trim() || undefined;
  const b = wanted.where?.trim() || undefined;
  if (a === b) return false;
  if (a === undefined || b === undefined) return true;
  const { introspection } = ctx.dialect;
  if (!introspection.samePredicate) return a.replace(/\s+/g, ' ') !== b.replace(/\s+/g, ' ');
  return !(await introspection.samePredicate(queryRunner, table, { columnNames: live.columnNames, where: a }, { columnNames: wanted.columnNames, where: b }));
}

export const indexPredicatesPass: Pass = { name: 'index-predicates', run: changedIndexPredicates };
