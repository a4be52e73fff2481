/**
 * What a revision id may be. Ids are stored in the version table's `version_num varchar(32)` and
 * the history table's `revision varchar(32)`, and are written into SQL as quoted literals and into
 * file names: a longer id would load and then fail at the first version-table write (on MySQL after
 * the revision's DDL, which it cannot roll back), so it is refused where an id is chosen or loaded.
 */

/** The width of the version and history tables' id columns. */
export const REVISION_ID_MAX_LENGTH = 32;

const REVISION_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Why `id` cannot be a revision id, or undefined when it can. */
export function revisionIdProblem(id: string): string | undefined {
  if (!REVISION_ID_PATTERN.test(id)) return 'use letters, digits, "-" or "_"';
  if (id.length > REVISION_ID_MAX_LENGTH) {
    return `a revision id has at most ${REVISION_ID_MAX_LENGTH} characters (the version table's column), this one has ${id.length}`;
  }
  return undefined;
}
