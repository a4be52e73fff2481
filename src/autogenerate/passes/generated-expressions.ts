/**
 * A generated column whose expression differs from the entity's in wording only. TypeORM compares
 * the entity's `asExpression` with the text in its typeorm_metadata table, and for a column made
 * by hand (or adopted with `baseline`, which records the catalog's text there) that text is the
 * database's own: PostgreSQL keeps `lower(name)` on a varchar as `lower((name)::text)`. The builder
 * then drops and re-adds the column (a table rewrite, flagged destructive) on every run. Here an
 * expression change is kept only when the database would store the two differently (the dialect's
 * `sameGeneratedExpression`; without one, the text with whitespace runs folded).
 */
import type { Op, OpOf } from '../../ops/types';
import type { Pass, PassContext, PassState } from './pass';
import { replaceOps } from './pass';
import { foldWhitespace } from './same-name-changes';

function isExpressionChange(op: Op): op is OpOf<'alterColumn'> {
  return op.kind === 'alterColumn' && op.changes.asExpression !== undefined && !!op.existing?.generatedType && !!op.existing.asExpression;
}

async function sameExpression(ctx: PassContext, op: OpOf<'alterColumn'>): Promise<boolean> {
  const before = op.existing!.asExpression!;
  const after = op.changes.asExpression!;
  if (foldWhitespace(before) === foldWhitespace(after)) return true;
  const compare = ctx.dialect.introspection.sameGeneratedExpression?.bind(ctx.dialect.introspection);
  if (!compare) return false;
  const queryRunner = ctx.dataSource.createQueryRunner();
  try {
    return await compare(queryRunner, op.table, op.column, before, after);
  } finally {
    await queryRunner.release();
  }
}

export const generatedExpressionsPass: Pass = {
  name: 'generated-expressions',
  async run(state: PassState, ctx: PassContext): Promise<PassState> {
    const same = new Set<Op>();
    for (const op of state.ops) if (isExpressionChange(op) && (await sameExpression(ctx, op))) same.add(op);
    if (same.size === 0) return state;
    return replaceOps(state, (op) => {
      if (!same.has(op)) return op;
      const { asExpression: _same, ...changes } = (op as OpOf<'alterColumn'>).changes;
      return Object.keys(changes).length > 0 ? { ...(op as OpOf<'alterColumn'>), changes } : [];
    });
  },
};
