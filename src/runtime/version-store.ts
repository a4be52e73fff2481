import type { QueryRunner } from 'typeorm';
import type { StatementSink } from '../ops/execution';
import { REVISION_ID_MAX_LENGTH } from '../script/revision-id';
import { BookkeepingTable } from './bookkeeping-table';

/**
 * The version table: one row per applied head (`version_num`). It changes in the same transaction
 * as the revision that moves it, so the two cannot disagree.
 */
export class VersionStore extends BookkeepingTable {
  protected readonly columns = `version_num varchar(${REVISION_ID_MAX_LENGTH}) NOT NULL PRIMARY KEY`;

  /** The heads the database is at; none when the table does not exist yet. */
  async readHeads(queryRunner: QueryRunner): Promise<string[]> {
    return (await this.headsIfExists(queryRunner)) ?? [];
  }

  /** The heads the table records, or undefined when there is no table yet. */
  async headsIfExists(queryRunner: QueryRunner): Promise<string[] | undefined> {
    if (!(await this.exists(queryRunner))) return undefined;
    const rows: { version_num: string }[] = await queryRunner.query(
      `SELECT version_num FROM ${this.quoted}`,
    );
    return rows.map((r) => r.version_num).sort();
  }

  /**
   * Move the recorded heads from `before` to `after` (stamp, baseline), in one transaction: a merge's
   * two DELETEs and an INSERT are one change, and a failing INSERT must not leave the table empty
   * ("at base"). Revisions write theirs with `statements`, inside their own transaction.
   */
  async write(sink: StatementSink, before: readonly string[], after: readonly string[]): Promise<void> {
    const statements = this.statements(before, after);
    if (statements.length <= 1) return sink.queryMany(statements);
    await sink.query(this.dialect.beginStatement);
    try {
      await sink.queryMany(statements);
    } catch (error) {
      await sink.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await sink.query(this.dialect.commitStatement);
  }

  /**
   * Move the recorded heads from `before` to `after` inside a revision's transaction, then read
   * them back: returns what the table holds when that is not `after` (undefined when it is, and
   * offline, where nothing is read). A table changed meanwhile by anyone else (a second migrator
   * that took the lock from a live holder, a revision writing it) shows as rows the UPDATE or
   * DELETE did not find, or rows beside the INSERT at base; the caller fails the revision then,
   * so its transaction rolls back instead of committing a state nobody made.
   */
  async move(sink: StatementSink, before: readonly string[], after: readonly string[]): Promise<string[] | undefined> {
    await sink.queryMany(this.statements(before, after));
    if (sink.offline) return undefined;
    const rows = (await sink.query(`SELECT version_num FROM ${this.quoted}`)) as { version_num: string }[];
    const found = rows.map((r) => r.version_num).sort();
    const expected = [...after].sort();
    return found.length === expected.length && found.every((head, i) => head === expected[i]) ? undefined : found;
  }

  /**
   * `move` as statements to send with the revision's closing ones, the check included (see
   * dialects' VersionGuard), so it costs no round trip of its own; undefined where the dialect has
   * no such check. A failed check is told by `changedHeads`.
   */
  guardedMove(before: readonly string[], after: readonly string[]): string[] | undefined {
    const guard = this.dialect.versionGuard;
    return guard && [...this.statements(before, after), guard.statement(this.quoted, after)];
  }

  /** What the table held, when `error` is the failure of `guardedMove`'s check. */
  changedHeads(error: unknown): string[] | undefined {
    return this.dialect.versionGuard?.found(error)?.sort();
  }

  /** The statements that move the recorded heads from `before` to `after`, fewest row changes first. */
  statements(before: readonly string[], after: readonly string[]): string[] {
    const table = this.quoted;
    const l = (head: string) => this.literal(head);
    const removed = before.filter((h) => !after.includes(h));
    const added = after.filter((h) => !before.includes(h));
    // A plain step replaces one head with another: one UPDATE, like Alembic.
    if (removed.length === 1 && added.length === 1) {
      return [`UPDATE ${table} SET version_num = ${l(added[0])} WHERE version_num = ${l(removed[0])}`];
    }
    return [
      ...removed.map((head) => `DELETE FROM ${table} WHERE version_num = ${l(head)}`),
      ...added.map((head) => `INSERT INTO ${table} (version_num) VALUES (${l(head)})`),
    ];
  }
}
