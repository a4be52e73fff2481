import { RevisionGraphError } from '../errors';
import type { Revision } from './revision';
import type { RevisionGraph } from './revision-graph';

/** One step of a run: a revision and the direction it runs in. */
export interface Step {
  readonly revision: Revision;
  readonly direction: 'up' | 'down';
}

const RELATIVE = /^([+-])(\d+)$/;
const ANCHORED = /^(.+?)([+-])(\d+)$/;

/**
 * Work out which revisions `upgrade TARGET` applies, in order.
 * TARGET: `head`, `heads`, `+N`, a revision id or unique prefix, `REV+N`, `REV-N`.
 */
export function planUpgrade(graph: RevisionGraph, currentHeads: readonly string[], target: string): Step[] {
  const applied = graph.ancestorsOf(currentHeads);
  const targets = resolveUpgradeTargets(graph, currentHeads, applied, target);
  for (const t of targets) {
    if (applied.has(t) && !currentHeads.includes(t)) {
      throw new RevisionGraphError(
        'INVALID_TARGET',
        `Target ${t} is behind the current revision (${currentHeads.join(', ')}): use 'downgrade ${t}' to go back`,
      );
    }
  }
  const pending = new Set([...graph.ancestorsOf(targets)].filter((id) => !applied.has(id)));
  return graph.topologicalOrder(pending).map((revision) => ({ revision, direction: 'up' }));
}

/**
 * Work out which revisions `downgrade TARGET` undoes, newest first.
 * TARGET: `base`, `-N`, a revision id or unique prefix, `REV-N`, `REV+N`.
 */
export function planDowngrade(graph: RevisionGraph, currentHeads: readonly string[], target: string): Step[] {
  const applied = graph.ancestorsOf(currentHeads);
  const appliedInOrder = graph.topologicalOrder(applied);
  let keep: Set<string>;
  const relative = RELATIVE.exec(target);
  if (target === 'base') {
    keep = new Set();
  } else if (relative) {
    if (relative[1] === '+') {
      throw new RevisionGraphError('INVALID_TARGET', `'downgrade ${target}' goes forward: use 'upgrade ${target}'`);
    }
    const count = Number(relative[2]);
    if (count > appliedInOrder.length) {
      throw new RevisionGraphError(
        'INVALID_TARGET',
        `Cannot go back ${count} revisions: only ${appliedInOrder.length} are applied`,
      );
    }
    keep = new Set(appliedInOrder.slice(0, appliedInOrder.length - count).map((r) => r.id));
  } else {
    const targetIds = resolveRevisionExpression(graph, target, currentHeads);
    for (const id of targetIds) {
      if (!applied.has(id)) {
        throw new RevisionGraphError(
          'INVALID_TARGET',
          `Target ${id} is ahead of the current revision (${currentHeads.join(', ') || 'base'}): use 'upgrade ${id}'`,
        );
      }
    }
    keep = graph.ancestorsOf(targetIds);
  }
  return appliedInOrder
    .filter((r) => !keep.has(r.id))
    .reverse()
    .map((revision) => ({ revision, direction: 'down' }));
}

function resolveUpgradeTargets(
  graph: RevisionGraph,
  currentHeads: readonly string[],
  applied: Set<string>,
  target: string,
): string[] {
  if (target === 'heads') return graph.heads().map((r) => r.id);
  if (target === 'head') return [singleHead(graph).id];
  const relative = RELATIVE.exec(target);
  if (relative) {
    if (relative[1] === '-') {
      throw new RevisionGraphError('INVALID_TARGET', `'upgrade ${target}' goes back: use 'downgrade ${target}'`);
    }
    return [walkForward(graph, applied, Number(relative[2]), target)];
  }
  return resolveRevisionExpression(graph, target, currentHeads);
}

/** `REV`, `REV+N`, `REV-N`, `head`, `head-N`, `heads`, `base` → revision ids (`base`: none). */
export function resolveRevisionExpression(graph: RevisionGraph, target: string, currentHeads: readonly string[]): string[] {
  if (target === 'head') return [singleHead(graph).id];
  if (target === 'heads') return graph.heads().map((r) => r.id);
  if (target === 'base') return [];
  const anchored = ANCHORED.exec(target);
  if (anchored && !graph.has(target)) {
    const [, anchor, sign, digits] = anchored;
    const start = anchor === 'head' ? singleHead(graph) : anchor === 'current' ? singleCurrent(graph, currentHeads) : graph.resolve(anchor);
    const count = Number(digits);
    return [sign === '+' ? walkForward(graph, graph.ancestorsOf([start.id]), count, target) : walkBack(graph, start, count, target)];
  }
  return [graph.resolve(target).id];
}

/** The revision N steps after the applied set, along a chain with no branch in the way. */
function walkForward(graph: RevisionGraph, applied: Set<string>, count: number, target: string): string {
  const done = new Set(applied);
  let last: string | undefined;
  for (let i = 0; i < count; i++) {
    const next = graph
      .all()
      .filter((r) => !done.has(r.id) && r.downRevisions.every((p) => done.has(p)));
    if (next.length === 0) {
      throw new RevisionGraphError('INVALID_TARGET', `'${target}' goes past head: only ${i} revision(s) ahead`);
    }
    if (next.length > 1) {
      throw new RevisionGraphError(
        'INVALID_TARGET',
        `'${target}' is ambiguous: the chain branches into ${next.map((r) => r.id).join(', ')}; name a revision`,
      );
    }
    done.add(next[0].id);
    last = next[0].id;
  }
  if (!last) throw new RevisionGraphError('INVALID_TARGET', `'${target}' moves zero revisions`);
  return last;
}

function walkBack(graph: RevisionGraph, start: Revision, count: number, target: string): string {
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at.downRevisions.length === 0) {
      throw new RevisionGraphError('INVALID_TARGET', `'${target}' goes past base: ${start.id} has only ${i} revision(s) before it`);
    }
    if (at.downRevisions.length > 1) {
      throw new RevisionGraphError(
        'INVALID_TARGET',
        `'${target}' is ambiguous: ${at.id} merges ${at.downRevisions.join(', ')}; name a revision`,
      );
    }
    at = graph.get(at.downRevisions[0]);
  }
  return at.id;
}

/** `head` means the one head; with several, the user must merge or name one. */
export function singleHead(graph: RevisionGraph): Revision {
  const heads = graph.heads();
  if (heads.length === 0) throw new RevisionGraphError('INVALID_TARGET', 'There are no revisions yet: create one with `entity-migrate revision -m MESSAGE`');
  if (heads.length > 1) {
    throw new RevisionGraphError(
      'MULTIPLE_HEADS',
      `Multiple heads: ${heads.map((h) => `${h.id} (${graph.show(h.file)})`).join(' and ')}; ` +
        `run 'entity-migrate merge ${heads.map((h) => h.id).join(' ')} -m "merge heads"' or name a revision`,
    );
  }
  return heads[0];
}

function singleCurrent(graph: RevisionGraph, currentHeads: readonly string[]): Revision {
  if (currentHeads.length !== 1) {
    throw new RevisionGraphError('INVALID_TARGET', `'current' needs exactly one current revision; the database has ${currentHeads.length}`);
  }
  return graph.get(currentHeads[0]);
}

/** Heads after running one step, as the version table should record them. */
export function headsAfter(graph: RevisionGraph, heads: readonly string[], step: Step): string[] {
  const rev = step.revision;
  if (step.direction === 'up') {
    return [...heads.filter((h) => !rev.downRevisions.includes(h)), rev.id].sort();
  }
  const remaining = heads.filter((h) => h !== rev.id);
  const stillCovered = graph.ancestorsOf(remaining);
  const restored = rev.downRevisions.filter((p) => !stillCovered.has(p));
  return [...remaining, ...restored].sort();
}
