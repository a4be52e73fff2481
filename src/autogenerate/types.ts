/**
 * Public shapes of autogenerate: what `compareSchema` returns and what callers pass in.
 */
import type { Op } from '../ops/types';

/** An op that loses data (or cannot be done in place), with why and how to avoid it. */
export interface DestructiveChange {
  op: Op;
  /** One line, e.g. `drops column user.name and its data`. */
  reason: string;
  /** What the user can do instead, e.g. `if user.name was renamed to full_name, pass --rename user.name:full_name`. */
  hint?: string;
}

/** The diff between entities and the live database, as ops ready to render or execute. */
export interface AutogenerateResult {
  ops: Op[];
  destructive: DestructiveChange[];
  /**
   * Online mode: ops that still hold off the app while they work on a table that exists (a type
   * change that rewrites it; nothing has an online form for it). Written as they are, with a
   * `// BLOCKING:` comment, and warned about: the user decides (a new column backfilled in batches…).
   */
  blocking?: BlockingChange[];
}

/** An op with no online form that blocks the app on an existing table, and what it does there. */
export interface BlockingChange {
  op: Op;
  /** One line: `user.id: ACCESS EXCLUSIVE, blocks reads and writes while it rewrites every row (~1,000,000 rows, 35 MB)`. */
  reason: string;
}

/**
 * A `--rename A:B` answer given ahead of time. Column: `user.name:full_name` (the right side may
 * also be qualified, `user.name:user.full_name`). Table: `old_table:new_table`, schema-qualified
 * on both sides where needed (`audit.event:audit.log`).
 */
export interface RenameHint {
  from: string;
  to: string;
}

/** A dropped and an added column (or table) that may be one rename. */
export type RenameCandidate =
  | { kind: 'column'; table: string; from: string; to: string }
  | { kind: 'table'; from: string; to: string };

/** Asked for each candidate no hint answers; resolve `true` to rename. */
export type ConfirmRename = (candidate: RenameCandidate) => Promise<boolean>;
