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
import type { CheckSpec, Op } from '../../ops/types';
import { findTable } from './index-predicates';
import type { Pass, PassContext, PassState } from './pass';

interface Candidate {
  table: string;
  entityCheck: CheckSpec;
}

export async function changedNamedChecks(state: PassState, ctx: PassContext): Promise<PassState> {
  const { dataSource, dialect } = ctx;
  const touched = new Set(
    state.ops.flatMap((op) => ((op.kind === 'createCheck' || op.kind === 'dropCheck') && typeof op.check !== 'string' ? [op.check.name] : [])),
  );
  const candidates: Candidate[] = [];
  for (const metadata of dataSource.entityMetadatas) {
    if (metadata.tableType === 'view') continue;
    for (const check of metadata.checks) {
      if (!check.givenName || touched.has(check.name)) continue;
      candidates.push({ table: metadata.tablePath, entityCheck: { name: check.name, expression: check.expression } });
    }
  }
  if (candidates.length === 0) return state;

  const queryRunner = dataSource.createQueryRunner();
  try {
    const tables = await queryRunner.getTables([...new Set(candidates.map((c) => c.table))]);
    await dialect.introspection.fixLoadedTables?.(queryRunner, tables);
    // As the builder orders its own: drops first, creates last.
    const drops: Op[] = [];
    const creates: Op[] = [];
    for (const { table, entityCheck } of candidates) {
      const live = findTable(tables, table)?.checks.find((c) => c.name === entityCheck.name);
      if (!live?.expression) continue;
      const same = dialect.introspection.sameCheck
        ? await dialect.introspection.sameCheck(queryRunner, table, live.expression, entityCheck.expression)
        : live.expression.trim().replace(/\s+/g, ' ') === entityCheck.expression.trim().replace(/\s+/g, ' ');
      if (same) continue;
      drops.push({ kind: 'dropCheck', table, check: fromTableCheck(live) });
      creates.push({ kind: 'createCheck', table, check: entityCheck });
    }
    return drops.length === 0 ? state : { ...state, ops: [...drops, ...state.ops, ...creates] };
  } finally {
    await queryRunner.release();
  }
}

export const namedChecksPass: Pass = { name: 'named-checks', run: changedNamedChecks };
