/**
 * A changed expression of an explicitly named check. TypeORM's schema builder matches checks by
 * name only, so `@Check('CHK_price', '"price" > 0')` changed to `"price" >= 0` went unnoticed:
 * "No changes detected", and the database kept the old rule (a generated name hashes the
 * expression, so unnamed checks are caught by the builder). Here such a check becomes
 * dropCheck(old) + createCheck(new).
 *
 * Expressions are compared as the database would store them: the dialect's `sameCheck` where the
 * database rewrites them (PostgreSQL), else as text with whitespace runs folded (SQLite keeps the
 * text TypeORM wrote). MySQL has no checks in TypeORM, so none is ever read back to compare.
 */
import { fromTableCheck } from '../../ops/from-typeorm';
import type { CheckSpec } from '../../ops/types';
import type { Pass, PassContext, PassState } from './pass';
import { foldWhitespace, replaceChanged, type Declared } from './same-name-changes';

export async function changedNamedChecks(state: PassState, ctx: PassContext): Promise<PassState> {
  const { introspection } = ctx.dialect;
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
    differ: async (queryRunner, table, live, wanted) =>
      introspection.sameCheck
        ? !(await introspection.sameCheck(queryRunner, table, live.expression, wanted.expression))
        : foldWhitespace(live.expression) !== foldWhitespace(wanted.expression),
    drop: (table, check) => ({ kind: 'dropCheck', table, check }),
    create: (table, check) => ({ kind: 'createCheck', table, check }),
  });
}

export const namedChecksPass: Pass = { name: 'named-checks', run: changedNamedChecks };
