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
import type { ExclusionSpec } from '../../ops/types';
import type { Pass, PassContext, PassState } from './pass';
import { foldWhitespace, replaceChanged, type Declared } from './same-name-changes';

const key = (table: string, name: string | undefined) => `${table}\u0000${name ?? ''}`;

export async function changedExclusions(state: PassState, ctx: PassContext): Promise<PassState> {
  if (!ctx.dialect.capabilities.exclusionConstraints) return state;
  const touched = new Set(
    state.ops.flatMap((op) =>
      (op.kind === 'createExclusion' || op.kind === 'dropExclusion') && typeof op.exclusion !== 'string' ? [key(op.table, op.exclusion.name)] : [],
    ),
  );
  const declared: Declared<ExclusionSpec>[] = ctx.dataSource.entityMetadatas
    // The entities the schema builder syncs.
    .filter((metadata) => metadata.synchronize && metadata.tableType !== 'view' && metadata.tableType !== 'entity-child')
    .flatMap((metadata) =>
      metadata.exclusions
        .filter((exclusion) => !touched.has(key(metadata.tablePath, exclusion.name)))
        .map((exclusion) => ({ table: metadata.tablePath, spec: fromTableExclusion(TableExclusion.create(exclusion)) })),
    );
  return replaceChanged(state, ctx, declared, {
    live: (table, wanted) => {
      const live = table.exclusions.find((e) => e.name === wanted.name);
      return live && fromTableExclusion(live);
    },
    differ: (queryRunner, table, live, wanted) => exclusionsDiffer(queryRunner, ctx, table, live, wanted),
    drop: (table, exclusion) => ({ kind: 'dropExclusion', table, exclusion }),
    create: (table, exclusion) => ({ kind: 'createExclusion', table, exclusion }),
  });
}

async function exclusionsDiffer(queryRunner: QueryRunner, ctx: PassContext, table: string, live: ExclusionSpec, wanted: ExclusionSpec): Promise<boolean> {
  if (foldWhitespace(live.expression) === foldWhitespace(wanted.expression) && (live.deferrable ?? '') === (wanted.deferrable ?? '')) return false;
  const { sameExclusion } = ctx.dialect.introspection;
  return !sameExclusion || !(await sameExclusion(queryRunner, table, live, wanted));
}

export const exclusionChangesPass: Pass = { name: 'exclusion-changes', run: changedExclusions };
