import type { QueryRunner } from 'typeorm';
import type { Dialect } from '../dialects';
import type { StatementSink } from '../ops/execution';
import type { TransactionMode } from '../config/types';
import { markTransactionActive } from '../typeorm-internals';

/**
 * The transactions of a run, the same live and offline, with the dialect's hooks around them
 * (SQLite turns foreign keys off around each unit so table rebuilds cannot cascade-delete rows).
 * With transactionMode 'none' the hooks still run; only BEGIN/COMMIT are left out.
 *
 * BEGIN and COMMIT are sent as statements of ours rather than through TypeORM's
 * startTransaction/commitTransaction, so that where the driver takes several statements in one
 * query (PostgreSQL) a revision's bookkeeping, its COMMIT and the next revision's BEGIN travel in
 * one round trip. TypeORM's transaction flags are kept true to the connection, so an
 * EntityManager used inside a revision nests in our transaction (savepoints) instead of
 * committing it.
 */
export class Transactions {
  private readonly transactional: boolean;
  /** A transaction was opened ahead, with the previous commit. */
  private open = false;

  constructor(
    private readonly queryRunner: QueryRunner,
    private readonly dialect: Dialect,
    private readonly sink: StatementSink,
    mode: TransactionMode,
  ) {
    this.transactional = mode !== 'none';
  }

  async begin(): Promise<void> {
    if (this.open) return;
    await this.dialect.beforeTransaction?.(this.sink);
    if (!this.transactional) return;
    await this.sink.query(this.dialect.beginStatement);
    this.markActive(true);
  }

  /**
   * Run the unit's closing statements (version and history rows), then commit. With
   * `beginNext`, the next unit's transaction is opened in the same breath where that is safe.
   */
  async commit(closing: readonly string[], beginNext: boolean): Promise<void> {
    const hooks = this.dialect.beforeCommit || this.dialect.afterTransaction || this.dialect.beforeTransaction;
    if (hooks || !this.transactional) {
      await this.sink.queryMany(closing);
      await this.dialect.beforeCommit?.(this.sink);
      if (this.transactional) await this.sink.query(this.dialect.commitStatement);
      this.markActive(false);
      await this.dialect.afterTransaction?.(this.sink);
      return;
    }
    const chain = beginNext ? [this.dialect.commitStatement, this.dialect.beginStatement] : [this.dialect.commitStatement];
    await this.sink.queryMany([...closing, ...chain]);
    this.open = beginNext;
    this.markActive(beginNext);
  }

  /**
   * Run `fn` between transactions: commit what the revision did so far, run it, begin again.
   * Work committed this way stays if a later op of the revision fails.
   */
  async outside(fn: () => Promise<void>): Promise<void> {
    if (!this.transactional) return fn();
    await this.sink.query(this.dialect.commitStatement);
    this.markActive(false);
    await fn();
    await this.sink.query(this.dialect.beginStatement);
    this.markActive(true);
  }

  async rollback(): Promise<void> {
    this.open = false;
    if (this.sink.offline) return;
    if (this.queryRunner.isTransactionActive) {
      await this.sink.query('ROLLBACK');
      this.markActive(false);
    }
    await this.dialect.afterTransaction?.(this.sink);
  }

  /** Keep TypeORM's view of the connection (`isTransactionActive`, nesting depth) truthful. */
  private markActive(active: boolean): void {
    if (!this.sink.offline) markTransactionActive(this.queryRunner, active);
  }
}
