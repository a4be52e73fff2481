import type { QueryRunner } from 'typeorm';
import type { Step } from '../script/plan';
import type { RevisionGraph } from '../script/revision-graph';
import { REVISION_ID_MAX_LENGTH } from '../script/revision-id';
import { BookkeepingTable } from './bookkeeping-table';

/** A revision whose upgrade/downgrade code changed after it was applied. */
export interface ChangedRevision {
  revision: string;
  file: string;
  appliedChecksum: string;
  currentChecksum: string;
}

/**
 * The history table: one row per revision run (either direction) with the checksum of the code
 * that ran, so a revision edited after it was applied can be named. Written in the same
 * transaction as the revision.
 *
 * A revision whose online ops commit part of its work before it ends (see `TransactionSteps`)
 * also leaves, with each such commit, a progress row: direction `up:N` or `down:N`, N being the
 * ops of the revision done and committed. A run that stops after one resumes there: the next run
 * skips those N ops (when the file's checksum is still the one recorded), and the step's closing
 * statements delete its progress rows.
 */
export class HistoryStore extends BookkeepingTable {
  protected readonly columns =
    `revision varchar(${REVISION_ID_MAX_LENGTH}) NOT NULL, checksum varchar(64) NOT NULL, direction varchar(9) NOT NULL, ` +
    'applied_at varchar(32) NOT NULL, duration_ms integer NOT NULL';

  /** The row that records one step (run with the step's version-table update). */
  statement(step: Step, durationMs: number): string {
    const l = (value: unknown) => this.literal(value);
    return (
      `INSERT INTO ${this.quoted} (revision, checksum, direction, applied_at, duration_ms) VALUES ` +
      `(${l(step.revision.id)}, ${l(step.revision.checksum)}, ${l(step.direction === 'up' ? 'upgrade' : 'downgrade')}, ` +
      `${l(new Date().toISOString())}, ${l(Math.round(durationMs))})`
    );
  }

  /** The progress row of a step that has committed `opsDone` of its ops so far. */
  progressStatement(step: Step, opsDone: number, durationMs: number): string {
    const l = (value: unknown) => this.literal(value);
    return (
      `INSERT INTO ${this.quoted} (revision, checksum, direction, applied_at, duration_ms) VALUES ` +
      `(${l(step.revision.id)}, ${l(step.revision.checksum)}, ${l(progressDirection(step, opsDone))}, ` +
      `${l(new Date().toISOString())}, ${l(Math.round(durationMs))})`
    );
  }

  /** Deletes the step's progress rows, once the step is done. */
  clearProgressStatement(step: Step): string {
    return `DELETE FROM ${this.quoted} WHERE revision = ${this.literal(step.revision.id)} AND direction LIKE ${this.literal(`${progressDirection(step, '')}%`)}`;
  }

  /**
   * Read once per run: for a step, how many of its ops an earlier run that stopped left committed
   * (0 when none, or when the file changed since).
   */
  async resumePoints(queryRunner: QueryRunner): Promise<(step: Step) => number> {
    if (!(await this.exists(queryRunner))) return () => 0;
    const rows: { revision: string; checksum: string; direction: string }[] = await queryRunner.query(
      `SELECT revision, checksum, direction FROM ${this.quoted} WHERE direction LIKE 'up:%' OR direction LIKE 'down:%'`,
    );
    return (step) => {
      const prefix = progressDirection(step, '');
      const done = rows.filter((r) => r.revision === step.revision.id && r.checksum === step.revision.checksum && r.direction.startsWith(prefix));
      return Math.max(0, ...done.map((r) => Number(r.direction.slice(prefix.length)) || 0));
    };
  }

  /** Whether any revision ever ran here (in either direction). */
  async hasRows(queryRunner: QueryRunner): Promise<boolean> {
    if (!(await this.exists(queryRunner))) return false;
    const rows: unknown[] = await queryRunner.query(`SELECT 1 AS found FROM ${this.quoted} LIMIT 1`);
    return rows.length > 0;
  }

  /** The checksum each revision had when it was last upgraded. */
  async appliedChecksums(queryRunner: QueryRunner): Promise<Map<string, string>> {
    if (!(await this.exists(queryRunner))) return new Map();
    const rows: { revision: string; checksum: string }[] = await queryRunner.query(
      `SELECT revision, checksum FROM ${this.quoted} WHERE direction = 'upgrade' ORDER BY applied_at`,
    );
    return new Map(rows.map((r) => [r.revision, r.checksum]));
  }
}

/**
 * The revisions applied up to `heads` whose code changed since they last ran (their checksum
 * differs from the one recorded), oldest first. Revisions applied before the history table
 * existed have no checksum and are skipped.
 */
export function changedSinceApplied(graph: RevisionGraph, heads: readonly string[], checksums: ReadonlyMap<string, string>): ChangedRevision[] {
  return graph
    .topologicalOrder(graph.ancestorsOf(heads))
    // A squash revision on a database that ran the file it replaced recorded that file's checksum:
    // the same revision by construction (its schema was read back from it), not an edit.
    .filter((rev) => checksums.has(rev.id) && checksums.get(rev.id) !== rev.checksum && checksums.get(rev.id) !== rev.squashedChecksum)
    .map((rev) => ({ revision: rev.id, file: rev.file, appliedChecksum: checksums.get(rev.id)!, currentChecksum: rev.checksum }));
}

/** `up:N` / `down:N` (at most 9 characters, as the column allows). */
function progressDirection(step: Step, opsDone: number | ''): string {
  return `${step.direction === 'up' ? 'up' : 'down'}:${opsDone}`;
}
