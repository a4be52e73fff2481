/**
 * A default the database stores in a spelling of its own (PostgreSQL: `'1'` on a boolean is
 * `true`, `ARRAY[1,2]` is `ARRAY[1, 2]`) differs from the entity's as text on every check, and no
 * text rule covers every expression. Where the dialect can compare defaults as stored
 * (`sameStoredDefaults`), it is asked about each alter whose default change survives the text
 * comparison (../normalize.ts) on a column that keeps its type; a default it calls the same is
 * dropped from the alter, and the false-diffs pass after this one drops an alter left without a
 * change.
 */
import type { WantedDefault } from '../../dialects';
import type { Op, OpOf } from '../../ops/types';
import { applyChanges } from '../column-changes';
import { changesType, normalizeDefault, shapeDifferences } from '../normalize';
import { replaceOps, type Pass, type PassContext, type PassState } from './pass';

type AlterColumn = OpOf<'alterColumn'>;

function wantedDefault(op: Op): (WantedDefault & { op: AlterColumn }) | undefined {
  if (op.kind !== 'alterColumn' || !op.existing || !('default' in op.changes)) return undefined;
  const wanted = op.changes.default;
  if (wanted === undefined || wanted === null || normalizeDefault(wanted) === undefined) return undefined;
  // Compared as the false-diffs pass compares: a generated uuid column and a uuid function default
  // agree. Only on a column that keeps its type: a new type gets its default written anew.
  const after = applyChanges(op.existing, op.changes);
  if (!shapeDifferences(op.existing, after).includes('default') || changesType(op.existing, after)) return undefined;
  return { op, table: op.table, column: op.column, wanted: String(wanted) };
}

export async function dropStoredSameDefaults(state: PassState, ctx: PassContext): Promise<PassState> {
  const compare = ctx.dialect.introspection.sameStoredDefaults?.bind(ctx.dialect.introspection);
  if (!compare) return state;
  const candidates = state.ops.flatMap((op) => wantedDefault(op) ?? []);
  if (candidates.length === 0) return state;
  const queryRunner = ctx.dataSource.createQueryRunner();
  let same: boolean[];
  try {
    same = await compare(queryRunner, candidates);
  } finally {
    await queryRunner.release();
  }
  const unchanged = new Set(candidates.filter((_, i) => same[i]).map((c) => c.op));
  if (unchanged.size === 0) return state;
  return replaceOps(state, (op) => {
    if (op.kind !== 'alterColumn' || !unchanged.has(op)) return op;
    const { default: _same, ...changes } = op.changes;
    return { ...op, changes };
  });
}

export const storedDefaultsPass: Pass = { name: 'stored-defaults', run: dropStoredSameDefaults };
