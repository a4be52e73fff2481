import { RevisionGraphError } from '../errors';
import { BRANCH_LABEL } from './load-revisions';
import { resolveRevisionExpression, singleHead } from './plan';
import type { RevisionGraph } from './revision-graph';

/** Where `revision` puts a new revision in the graph (Alembic's `--head`, `--splice`, `--branch-label`, `--depends-on`). */
export interface NewRevisionPlace {
  /** The revision to build on: a head, `LABEL@head`, `REV@head`, or `base` for a new independent branch. Default: the one head. */
  head?: string;
  /** Allow `head` to name a revision that is not a head, starting a second line from it. */
  splice?: boolean;
  /** Labels naming the new revision's branch. */
  branchLabels?: readonly string[];
  /** Revisions (any target: `REV`, `LABEL@head`, …) of other branches the new one needs applied first. */
  dependsOn?: readonly string[];
}

/**
 * The new revision's parents (`givenParents` when the caller chose them: merge, import) and dependencies (as revision ids), refusing — before any file is
 * written — a head that is not one (without `splice`), several heads with no `head` given, and a
 * label that is taken, reserved or malformed.
 */
export function placeNewRevision(graph: RevisionGraph, place: NewRevisionPlace, givenParents?: readonly string[]): { downRevisions: string[]; dependsOn: string[] } {
  for (const [index, label] of (place.branchLabels ?? []).entries()) {
    const owner = graph.labelled(label);
    const why = !BRANCH_LABEL.test(label)
      ? 'must be letters, digits, "-", "_" or "." (no "@" or ":"), starting with a letter or "_"'
      : ['head', 'heads', 'base', 'current'].includes(label)
        ? 'is a word targets use'
        : owner
          ? `is already the label of ${owner.id} (${graph.show(owner.file)})`
          : graph.has(label)
            ? 'is a revision id'
            : place.branchLabels!.indexOf(label) !== index
              ? 'is given twice'
              : undefined;
    if (why) throw new RevisionGraphError('DUPLICATE_BRANCH_LABEL', `--branch-label ${label}: ${why}`);
  }
  const dependsOn = [...new Set((place.dependsOn ?? []).flatMap((target) => oneRevision(graph, target, '--depends-on')))];
  return { downRevisions: givenParents ? [...givenParents] : parentsOf(graph, place), dependsOn };
}

function parentsOf(graph: RevisionGraph, { head, splice }: NewRevisionPlace): string[] {
  if (splice && head === undefined) throw new RevisionGraphError('INVALID_TARGET', '--splice needs --head REV: the revision to start another line from');
  if (head === 'base') return [];
  if (head === undefined) {
    const heads = graph.heads();
    return heads.length === 0 ? [] : [singleHead(graph, true).id];
  }
  const [id] = oneRevision(graph, head, '--head');
  const next = graph.children(id!);
  if (next.length > 0 && !splice) {
    throw new RevisionGraphError(
      'INVALID_TARGET',
      `--head ${head}: revision ${id} is not a head (${next.map((c) => c.id).join(', ')} build on it); pass --splice to start another line from it, or name its head ('${head}@head')`,
    );
  }
  return [id!];
}

function oneRevision(graph: RevisionGraph, target: string, flag: string): string[] {
  const ids = resolveRevisionExpression(graph, target, []);
  if (ids.length !== 1) throw new RevisionGraphError('INVALID_TARGET', `${flag} ${target}: names ${ids.length === 0 ? 'no revision' : `${ids.length} revisions (${ids.join(', ')})`}; name one`);
  return ids;
}

/**
 * The rows `stamp` leaves: the targets, and the recorded heads of other branches (neither before
 * nor after a target), as one row per independent branch. `stamp base` (no targets) clears all.
 */
export function stampedHeads(graph: RevisionGraph, recorded: readonly string[], targets: readonly string[]): string[] {
  if (targets.length === 0) return [];
  // Replaced: rows below a target, and rows above one in its line (or needing such a row); a row
  // that only depends on a target stays, as a downgrade to it would leave it.
  const above = graph.descendantsOf(targets.flatMap((id) => graph.children(id).map((child) => child.id)));
  const related = new Set([...graph.ancestorsOf(targets), ...above]);
  const others = recorded.filter((id) => !related.has(id));
  return graph.outermost(graph.ancestorsOf([...others, ...targets]));
}
