import type { QueryRunner } from 'typeorm';
import type { Dialect, StatementSink } from '../dialects/dialect';

/**
 * The version table: one row per applied head (`version_num`). It changes in the same transaction
 * as the revision that moves it, so the two cannot disagree.
 */
export class VersionStore {
  constructor(
    readonly table: string,
    private readonly dialect: Dialect,
  ) {}

  async ensureTable(sink: StatementSink): Promise<void> {
    // Portable column types only: the same statement works on every dialect.
    await sink.query(
      `CREATE TABLE IF NOT EXISTS ${this.dialect.quoteTableName(this.table)} (version_num varchar(32) NOT NULL PRIMARY KEY)`,
    );
  }

  /** The heads the database is at; none when the table does not exist yet. */
  async readHeads(queryRunner: QueryRunner): Promise<string[]> {
    if (!(await queryRunner.hasTable(this.table))) return [];
    const rows: { version_num: string }[] = await queryRunner.query(
      `SELECT version_num FROM ${this.dialect.quoteTableName(this.table)}`,
    );
    return rows.map((r) => r.version_num).sort();
  }

  /** Move the recorded heads from `before` to `after`. */
  async write(sink: StatementSink, before: readonly string[], after: readonly string[]): Promise<void> {
    await sink.queryMany(this.statements(before, after));
  }

  /** The statements that move the recorded heads from `before` to `after`, fewest row changes first. */
  statements(before: readonly string[], after: readonly string[]): string[] {
    const table = this.dialect.quoteTableName(this.table);
    const l = (head: string) => this.dialect.literal(head);
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
