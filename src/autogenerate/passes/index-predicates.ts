/**
 * A changed `where` of an explicitly named partial index. TypeORM's schema builder matches indices
 * by name and compares columns, uniqueness and type, but not the predicate, so `@Index('IX_x',
 * ['a'], { where: 'b > 1' })` changed to `b > 2` goes unnoticed (a generated name hashes the
 * predicate, so unnamed indices are caught by the builder). Here such an index becomes
 * dropIndex(old) + createIndex(new).
 *
 * Predicates are compared as the database would store them: the dialect's `samePredicate` where
 * the database rewrites them (PostgreSQL) or keeps them as written (SQLite: `a > 0` is `"a" > 0`),
 * else as text with whitespace runs folded.
 */
import { TableIndex, type QueryRunner } from 'typeorm';
import { fromTableIndex } from '../../ops/from-typeorm';
import type { IndexSpec } from '../../ops/types';
import type { Pass, PassContext, PassState } from './pass';
import { foldWhitespace, replaceChanged, type Declared } from './same-name-changes';

export async function changedIndexPredicates(state: PassState, ctx: PassContext): Promise<PassState> {
  const touched = new Set(
    state.ops.flatMap((op) => ((op.kind === 'createIndex' || op.kind === 'dropIndex') && typeof op.index !== 'string' ? [op.index.name] : [])),
  );
  const declared: Declared<IndexSpec>[] = [];
  for (const metadata of ctx.dataSource.entityMetadatas) {
    if (metadata.tableType === 'view') continue;
    for (const index of metadata.indices) {
      if (!index.givenName || touched.has(index.name)) continue;
      declared.push({ table: metadata.tablePath, spec: fromTableIndex(TableIndex.create(index)) });
    }
  }
  return replaceChanged(state, ctx, declared, {
    live: (table, wanted) => {
      const live = table.indices.find((i) => i.name === wanted.name);
      return live && fromTableIndex(live);
    },
    differ: (queryRunner, table, live, wanted) => predicatesDiffer(queryRunner, ctx, table, live, wanted),
    drop: (table, index) => ({ kind: 'dropIndex', table, index }),
    create: (table, index) => ({ kind: 'createIndex', table, index }),
  });
}

/** Whether two indices' predicates differ once stored (both absent: they do not). */
export async function predicatesDiffer(queryRunner: QueryRunner, ctx: PassContext, table: string, live: IndexSpec, wanted: IndexSpec): Promise<boolean> {
  const a = live.where?.trim() || undefined;
  const b = wanted.where?.trim() || undefined;
  if (a === b) return false;
  if (a === undefined || b === undefined) return true;
  const { introspection } = ctx.dialect;
  if (!introspection.samePredicate) return foldWhitespace(a) !== foldWhitespace(b);
  return !(await introspection.samePredicate(queryRunner, table, { columnNames: live.columnNames, where: a }, { columnNames: wanted.columnNames, where: b }));
}

export const indexPredicatesPass: Pass = { name: 'index-predicates', run: changedIndexPredicates };
