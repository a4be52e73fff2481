import { StateError } from '../errors';
import type { RevisionGraph } from '../script/revision-graph';

/**
 * Refuse a version table that records a revision and one of its descendants: the database cannot
 * be at both, and reading it as either one (the descendant: "Nothing to upgrade"; the ancestor:
 * run again what ran) guesses. Revisions no file has are another error, or (stamp) left alone.
 */
export function assertNoAncestorRecorded(graph: RevisionGraph, recorded: readonly string[], versionTable: string): void {
  const pair = graph.ancestorPair(recorded.filter((id) => graph.has(id)));
  if (!pair) return;
  throw new StateError(
    'ANCESTOR_RECORDED',
    `The version table ${versionTable} records both ${pair.ancestor} and ${pair.descendant}, which descends from it; ` +
      `a database is at one revision per branch: run 'entity-migrate stamp --purge REV' with the revision it is at`,
  );
}
