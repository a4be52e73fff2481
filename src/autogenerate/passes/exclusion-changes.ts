/**
 * A changed exclusion constraint that keeps its name. TypeORM's schema builder matches exclusion
 * constraints by name only, so `@Exclusion('XCL_x', …)` with a new expression, or any exclusion
 * that becomes DEFERRABLE (a generated name hashes the expression alone), goes unnoticed. Here
 * such a constraint becomes dropExclusion(old) + createExclusion(new), like a changed index
 * predicate (index-predicates.ts).
 *
 * Definitions are compared as the database stores them (the dialect's `sameExclusion`), else as
 * text with whitespace runs folded.
 */
import { TableExclusion, type QueryRunner } from 'typeorm';
import { fromTableExclusion } from '../../ops/from-typeorm';
import type { ExclusionSpec, Op } from '../../ops/types';
import type { Pass, PassContext, PassState } from './pass';

interface Candidate {
  table: string;
  wanted: ExclusionSpec;
}

const key = (table: string, name: string | undefined) => `${table}\u0000${name ?? ''}`;

export async function changedExclusions(state: PassState, ctx: PassContext): Promise<PassState> {
  const { dataSource } = ctx;
  if (!ctx.dialect.capabilities.exclusionConstraints) return state;
  const touched = new Set(
    state.ops.flatMap((op) =>
      (op.kind === 'createExclusion' || op.kind === 'dropExclusion') && typeof op.exclusion !== 'string' ? [key(op.table, op.exclusion.name)] : [],
    ),
  );
  const candidates: Candidate[] = dataSource.entityMetadatas
    // The entities the schema builder syncs.
    .filter((metadata) => metadata.synchronize && metadata.tableType !== 'view' && metadata.tableType !== 'entity-child')
    .flatMap((metadata) =>
      metadata.exclusions
        .filter((exclusion) => !touched.has(key(metadata.tablePath, exclusion.name)))
        .map((exclusion) => ({ table: metadata.tablePath, wanted: fromTableExclusion(TableExclusion.create(exclusion)) })),
    );
  if (candidates.length === 0) return state;

  const queryRunner = dataSource.createQueryRunner();
  try {
    // As the builder orders its own: drops first, creates last.
    const drops: Op[] = [];
    const creates: Op[] = [];
    for (const table of new Set(candidates.map((c) => c.table))) {
      const loaded = await queryRunner.getTable(table);
      if (!loaded) continue;
      await ctx.dialect.introspection.fixLoadedTables?.(queryRunner, [loaded]);
      for (const { wanted } of candidates.filter((c) => c.table === table)) {
        const live = loaded.exclusions.find((e) => e.name === wanted.name);
        if (!live) continue;
        const liveSpec = fromTableExclusion(live);
        if (!(await exclusionsDiffer(queryRunner, ctx, table, liveSpec, wanted))) continue;
        drops.push({ kind: 'dropExclusion', table, exclusion: liveSpec });
        creates.push({ kind: 'createExclusion', table, exclusion: wanted });
      }
    }
    return drops.length === 0 ? state : { ...state, ops: [...drops, ...state.ops, ...creates] };
  } finally {
    await queryRunner.release();
  }
}

async function exclusionsDiffer(queryRunner: QueryRunner, ctx: PassContext, table: string, live: ExclusionSpec, wanted: ExclusionSpec): Promise<boolean> {
  const fold = (text: string) => text.trim().replace(/\s+/g, ' ');
  if (fold(live.expression) === fold(wanted.expression) && (live.deferrable ?? '') === (wanted.deferrable ?? '')) return false;
  const { sameExclusion } = ctx.dialect.introspection;
  return !sameExclusion || !(await sameExclusion(queryRunner, table, live, wanted));
}

export const exclusionChangesPass: Pass = { name: 'exclusion-changes', run: changedExclusions };
