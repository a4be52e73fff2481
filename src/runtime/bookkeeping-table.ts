import type { QueryRunner } from 'typeorm';
import type { Dialect } from '../dialects';
import type { StatementSink } from '../ops/execution';

/**
 * A table entity-migrate keeps for itself (the version table, the history table): created on
 * first use with portable column types, so the same statement works on every dialect.
 */
export abstract class BookkeepingTable {
  /** Column definitions for CREATE TABLE. */
  protected abstract readonly columns: string;

  constructor(
    readonly table: string,
    protected readonly dialect: Dialect,
  ) {}

  async ensureTable(sink: StatementSink): Promise<void> {
    await sink.query(`CREATE TABLE IF NOT EXISTS ${this.quoted} (${this.columns})`);
  }

  protected exists(queryRunner: QueryRunner): Promise<boolean> {
    return queryRunner.hasTable(this.table);
  }

  protected get quoted(): string {
    return this.dialect.quoteTableName(this.table);
  }

  protected literal(value: unknown): string {
    return this.dialect.literal(value);
  }
}
