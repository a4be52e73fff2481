import type { QueryRunner } from 'typeorm';
import type { Step } from '../script/plan';
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
 */
export class HistoryStore extends BookkeepingTable {
  protected readonly columns =
    'revision varchar(32) NOT NULL, checksum varchar(64) NOT NULL, direction varchar(9) NOT NULL, ' +
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

  /** The checksum each revision had when it was last upgraded. */
  async appliedChecksums(queryRunner: QueryRunner): Promise<Map<string, string>> {
    if (!(await this.exists(queryRunner))) return new Map();
    const rows: { revision: string; checksum: string }[] = await queryRunner.query(
      `SELECT revision, checksum FROM ${this.quoted} WHERE direction = 'upgrade' ORDER BY applied_at`,
    );
    return new Map(rows.map((r) => [r.revision, r.checksum]));
  }
}
