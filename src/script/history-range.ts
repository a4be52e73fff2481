import { RevisionGraphError } from '../errors';
import { branchAtBase, branchBases, resolveRevisionExpression } from './plan';
import type { RevisionGraph } from './revision-graph';

/** `-3`, `+2`: counted from the database's current revision, as Alembic's `history -r -3:` does. */
const COUNTED_FROM_CURRENT = /^[-+]\d+$/;

/**
 * The revisions `history -r A:B` lists: from A up to B, both included. Either side may be empty
 * (base, heads); each is a revision expression (`REV`, a unique prefix, `head`, `heads`, `base`,
 * `current`, `REV+N`, `REV-N`), a bare `-N`/`+N` counts from the current revision, and the lower end
 * may be `LABEL@base` (that branch's line from its first revision).
 */
export function historyRange(graph: RevisionGraph, range: string, current: readonly string[]): Set<string> {
  if (!range.includes(':')) throw new RevisionGraphError('INVALID_TARGET', `History range '${range}' must look like A:B (e.g. -3:, current:, :REV)`);
  const at = range.indexOf(':');
  const [from, to] = [range.slice(0, at), range.slice(at + 1)];
  const ids = (token: string, side: string): string[] => {
    if (token === 'current') {
      if (current.length === 0) throw new RevisionGraphError('INVALID_TARGET', `History range '${range}': the database is at base, so '${side}' names no revision`);
      return [...current];
    }
    return resolveRevisionExpression(graph, COUNTED_FROM_CURRENT.test(token) ? `current${token}` : token, current);
  };
  const upper = to && to !== 'heads' ? graph.ancestorsOf(ids(to, to)) : undefined;
  // `LABEL@base`: the branch from its first revision on.
  const branch = branchAtBase(from);
  const lowerIds = branch ? branchBases(graph, branch) : from && from !== 'base' ? ids(from, from) : [];
  const lower = lowerIds.length > 0 ? graph.descendantsOf(lowerIds) : undefined;
  return new Set(graph.all().map((r) => r.id).filter((id) => (!upper || upper.has(id)) && (!lower || lower.has(id))));
}
