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
/** `X@Y`: X a branch label or revision, Y `head`, `base`, `+N`, `-N` or a revision on X's branch. */
const ON_BRANCH = /^([^@]+)@([^@]+)$/;

/**
 * Work out which revisions `upgrade TARGET` applies, in order.
 * TARGET: `head`, `heads`, `+N`, a revision id or unique prefix, `REV+N`, `REV-N`, a branch label,
 * `LABEL@head` (or `REV@head`), `LABEL@+N`, `LABEL@REV`. Revisions a target depends on (`dependsOn`,
 * on other branches) run first.
 */
export function planUpgrade(graph: RevisionGraph, currentHeads: readonly string[], target: string): Step[] {
  const applied = graph.ancestorsOf(currentHeads);
  const targets = resolveUpgradeTargets(graph, currentHeads, applied, target);
  for (const t of targets) {
    // Behind: its own branch moved past it. A revision only depended on (covered by a row of
    // another branch) is applied and simply has nothing to do.
    if (applied.has(t) && graph.children(t).some((child) => applied.has(child.id))) {
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
 * Work out which revisions `downgrade TARGET` undoes, newest first: those applied above the target
 * (and what depends on them), other branches left alone.
 * TARGET: `base`, `-N`, a revision id or unique prefix, `REV-N`, `REV+N`, `LABEL@-N`, `LABEL@base`
 * or `REV@base` (that branch down to nothing), `LABEL@REV`.
 */
export function planDowngrade(graph: RevisionGraph, currentHeads: readonly string[], target: string): Step[] {
  const applied = graph.ancestorsOf(currentHeads);
  const appliedInOrder = graph.topologicalOrder(applied);
  let undo: Set<string>;
  const relative = RELATIVE.exec(target);
  const branch = branchAtBase(target);
  if (target === 'base') {
    undo = applied;
  } else if (branch) {
    undo = graph.descendantsOf(branchBases(graph, branch));
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
    undo = new Set(appliedInOrder.slice(appliedInOrder.length - count).map((r) => r.id));
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
    // What builds on a target in its own line, and what needs that; a revision that only depends
    // on a target keeps it and stays.
    undo = graph.descendantsOf(targetIds.flatMap((id) => graph.children(id).map((child) => child.id)));
  }
  return appliedInOrder
    .filter((r) => undo.has(r.id))
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

/**
 * `REV`, `REV+N`, `REV-N`, `head`, `head-N`, `heads`, `base`, a branch label, `X@head`, `X@+N`,
 * `X@-N`, `X@REV` → revision ids (`base`: none).
 */
export function resolveRevisionExpression(graph: RevisionGraph, target: string, currentHeads: readonly string[]): string[] {
  if (target === 'head') return [singleHead(graph).id];
  if (target === 'heads') return graph.heads().map((r) => r.id);
  if (target === 'base') return [];
  const onBranch = ON_BRANCH.exec(target);
  if (onBranch) return [resolveOnBranch(graph, onBranch[1]!, onBranch[2]!, currentHeads, target)];
  const anchored = ANCHORED.exec(target);
  if (anchored && !graph.has(target)) {
    const [, anchor, sign, digits] = anchored;
    const start = anchor === 'head' ? singleHead(graph) : anchor === 'current' ? singleCurrent(graph, currentHeads) : resolveRevision(graph, anchor!);
    const count = Number(digits);
    return [sign === '+' ? walkForward(graph, graph.ancestorsOf([start.id]), count, target) : walkBack(graph, start, count, target)];
  }
  return [resolveRevision(graph, target).id];
}

/** A revision id, unique prefix, or branch label (the revision that declares it). */
function resolveRevision(graph: RevisionGraph, name: string): Revision {
  if (graph.has(name)) return graph.get(name);
  return graph.labelled(name) ?? graph.resolve(name);
}

/** The revisions `X` of `X@…` stands for: a label's declaring revision, or a revision. */
function branchAnchors(graph: RevisionGraph, branch: string): string[] {
  return [resolveRevision(graph, branch).id];
}

/** `X` of `X@base` (a branch label or a revision), or undefined for any other target. */
export function branchAtBase(target: string): string | undefined {
  const onBranch = ON_BRANCH.exec(target);
  return onBranch?.[2] === 'base' ? onBranch[1] : undefined;
}

/** The first revisions (no parent) of `X`'s line: where `X@base` points, one step before them. */
export function branchBases(graph: RevisionGraph, branch: string): string[] {
  return [...graph.lineAncestorsOf(branchAnchors(graph, branch))].filter((id) => graph.get(id).downRevisions.length === 0);
}

/** The revisions on `X`'s branch: a label's members, or a revision's line up and down. */
function branchOf(graph: RevisionGraph, branch: string): Set<string> {
  if (graph.labelled(branch) && !graph.has(branch)) return graph.branchMembers(branch);
  const anchors = branchAnchors(graph, branch);
  return new Set([...graph.lineAncestorsOf(anchors), ...graph.lineDescendantsOf(anchors)]);
}

function resolveOnBranch(graph: RevisionGraph, branch: string, where: string, currentHeads: readonly string[], target: string): string {
  const members = branchOf(graph, branch);
  if (where === 'head') {
    const heads = graph.heads().filter((h) => members.has(h.id));
    if (heads.length !== 1) {
      throw new RevisionGraphError(
        'MULTIPLE_HEADS',
        `'${target}' is ambiguous: branch ${branch} has ${heads.length} heads (${heads.map((h) => `${h.id} (${graph.show(h.file)})`).join(', ')}); ` +
          `merge them with 'entity-migrate merge ${heads.map((h) => h.id).join(' ')} -m "merge ${branch}"' or name a revision`,
      );
    }
    return heads[0]!.id;
  }
  if (where === 'base') {
    throw new RevisionGraphError('INVALID_TARGET', `'${target}' undoes branch ${branch}: it is a target for 'downgrade' only`);
  }
  const relative = RELATIVE.exec(where);
  if (relative) {
    const applied = graph.ancestorsOf(currentHeads);
    const count = Number(relative[2]);
    if (relative[1] === '+') return walkForward(graph, applied, count, target, members);
    const at = graph.outermost(new Set([...applied].filter((id) => members.has(id))));
    if (at.length !== 1) {
      throw new RevisionGraphError(
        'INVALID_TARGET',
        at.length === 0
          ? `'${target}': nothing of branch ${branch} is applied`
          : `'${target}' is ambiguous: branch ${branch} is at ${at.join(', ')}; name a revision`,
      );
    }
    return walkBack(graph, graph.get(at[0]!), count, target);
  }
  const rev = graph.resolve(where);
  if (!members.has(rev.id)) throw new RevisionGraphError('INVALID_TARGET', `'${target}': revision ${rev.id} is not on branch ${branch}`);
  return rev.id;
}

/**
 * The revision N steps after the applied set, along a chain with no branch in the way; `within`
 * keeps the walk on one branch (what other branches it depends on is applied along, not counted).
 */
function walkForward(graph: RevisionGraph, applied: Set<string>, count: number, target: string, within?: Set<string>): string {
  const done = new Set(applied);
  let last: string | undefined;
  for (let i = 0; i < count; i++) {
    const next = graph
      .all()
      .filter((r) => !done.has(r.id) && (within ? within.has(r.id) && r.downRevisions.every((p) => done.has(p)) : graph.requires(r.id).every((p) => done.has(p))));
    if (next.length === 0) {
      throw new RevisionGraphError('INVALID_TARGET', `'${target}' goes past head: only ${i} revision(s) ahead`);
    }
    if (next.length > 1) {
      throw new RevisionGraphError(
        'INVALID_TARGET',
        `'${target}' is ambiguous: the chain branches into ${next.map((r) => r.id).join(', ')}; name a revision`,
      );
    }
    for (const id of graph.ancestorsOf([next[0]!.id])) done.add(id);
    last = next[0]!.id;
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
    at = graph.get(at.downRevisions[0]!);
  }
  return at.id;
}

/**
 * `head` means the one head; with several, the user upgrades them all, names a branch, or merges.
 * `forRevision`: the message suits `revision` (which builds on a head) instead of `upgrade`.
 */
export function singleHead(graph: RevisionGraph, forRevision = false): Revision {
  const heads = graph.heads();
  if (heads.length === 0) throw new RevisionGraphError('INVALID_TARGET', 'There are no revisions yet: create one with `entity-migrate revision -m MESSAGE`');
  if (heads.length > 1) {
    const names = heads.map((h) => `'${graph.labelsOf(h.id)[0] ?? h.id}@head'`);
    const merge = `'entity-migrate merge ${heads.map((h) => h.id).join(' ')} -m "merge heads"'`;
    throw new RevisionGraphError(
      'MULTIPLE_HEADS',
      `Multiple heads: ${heads.map((h) => `${h.id} (${graph.show(h.file)})`).join(' and ')}; ` +
        (forRevision
          ? `pass --head with one of them (or ${names.join(', ')}), or join them with ${merge}`
          : `run 'entity-migrate upgrade heads' for all of them, name one branch (${names.join(', ')}), or join them with ${merge}`),
    );
  }
  return heads[0]!;
}

function singleCurrent(graph: RevisionGraph, currentHeads: readonly string[]): Revision {
  if (currentHeads.length !== 1) {
    throw new RevisionGraphError('INVALID_TARGET', `'current' needs exactly one current revision; the database has ${currentHeads.length}`);
  }
  return graph.get(currentHeads[0]!);
}

/**
 * Heads after running one step, as the version table should record them: of the revisions then
 * applied, those nothing else applied needs (one row per independent branch; see `outermost`).
 */
export function headsAfter(graph: RevisionGraph, heads: readonly string[], step: Step): string[] {
  const rev = step.revision;
  // Up: the rows it needs are now covered by it (those it needs that had no row stay covered).
  if (step.direction === 'up') return [...heads.filter((h) => !graph.requires(rev.id).includes(h)), rev.id].sort();
  const applied = graph.ancestorsOf(heads);
  applied.delete(rev.id);
  return graph.outermost(applied);
}
