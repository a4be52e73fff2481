/**
 * A changed expression of an explicitly named check. TypeORM's schema builder matches checks by
 * name only, so `@Check('CHK_price', '"price" > 0')` changed to `"price" >= 0` went unnoticed:
 * "No changes detected", and the database kept the old rule (a generated name hashes the
 * expression, so unnamed checks are caught by the builder). Here such a check becomes
 * dropCheck(old) + createCheck(new).
 *
 * Expressions are compared as the database would store them: the dialect's `sameCheck` where the
 * database rewrites them (PostgreSQL) or keeps them as written (SQLite: `a > 0` is `"a" > 0`), else as
 * text with whitespace runs folded. MySQL has no checks in TypeORM, so none is ever read back to compare.
 */
import type { QueryRunner } from 'typeorm';
import { fromTableCheck } from '../../ops/from-typeorm';
import type { CheckSpec } from '../../ops/types';
import type { Pass, PassContext, PassState } from './pass';
import { foldWhitespace, replaceChanged, type Declared } from './same-name-changes';

export async function changedNamedChecks(state: PassState, ctx: PassContext): Promise<PassState> {
  const touched = new Set(
    state.ops.flatMap((op) => ((op.kind === 'createCheck' || op.kind === 'dropCheck') && typeof op.check !== 'string' ? [op.check.name] : [])),
  );
  const declared: Declared<CheckSpec>[] = [];
  for (const metadata of ctx.dataSource.entityMetadatas) {
    if (metadata.tableType === 'view') continue;
    for (const check of metadata.checks) {
      if (!check.givenName || touched.has(check.name)) continue;
      declared.push({ table: metadata.tablePath, spec: { name: check.name, expression: check.expression } });
    }
  }
  return replaceChanged(state, ctx, declared, {
    live: (table, wanted) => {
      const live = table.checks.find((c) => c.name === wanted.name);
      return live?.expression ? fromTableCheck(live) : undefined;
    },
    differ: (queryRunner, table, live, wanted) => checksDiffer(queryRunner, ctx, table, live.expression, wanted.expression),
    drop: (table, check) => ({ kind: 'dropCheck', table, check }),
    create: (table, check) => ({ kind: 'createCheck', table, check }),
  });
}

/** Whether two check expressions on `table` differ once stored. */
export async function checksDiffer(queryRunner: QueryRunner, ctx: PassContext, table: string, live: string, wanted: string): Promise<boolean> {
  const { introspection } = ctx.dialect;
  return introspection.sameCheck ? !(await introspection.sameCheck(queryRunner, table, live, wanted)) : foldWhitespace(live) !== foldWhitespace(wanted);
}

export const namedChecksPass: Pass = { name: 'named-checks', run: changedNamedChecks };
