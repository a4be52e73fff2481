import type { QueryRunner } from 'typeorm';
import type { Dialect } from '../dialects';
import type { StatementSink } from '../ops/execution';
import type { TransactionMode } from '../config/types';
import { markTransactionActive } from '../typeorm-internals';

/** The steps that close a unit: its bookkeeping (version and history rows), then its commit. */
export type ClosingPhase = 'bookkeeping' | 'commit';

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
  /** The current unit committed part of its work before running something outside its transaction. */
  committedEarly = false;
  /**
   * Statements that go with each early commit, before it (the runner's progress row), so that a run
   * stopped afterwards knows what stayed.
   */
  beforeEarlyCommit: () => string[] = () => [];
  /** The open transaction has run nothing of the revision's yet (see `tracking`). */
  private fresh = false;

  /**
   * @param afterBegin statements that follow every BEGIN (the lock timeout: `SET LOCAL` lasts one
   * transaction). They travel with the BEGIN, and with the commit that opens the next unit ahead,
   * so they cost no round trip of their own.
   */
  constructor(
    private readonly queryRunner: QueryRunner,
    private readonly dialect: Dialect,
    private readonly sink: StatementSink,
    mode: TransactionMode,
    private readonly afterBegin: readonly string[] = [],
  ) {
    this.transactional = mode !== 'none';
  }

  async begin(): Promise<void> {
    this.committedEarly = false;
    this.fresh = true;
    if (this.open) return;
    await this.dialect.beforeTransaction?.(this.sink);
    if (!this.transactional) return;
    await this.sendBegin();
  }

  /**
   * Run the unit's closing statements (version and history rows), then commit. With
   * `beginNext`, the next unit's transaction is opened in the same breath where that is safe.
   * `onPhase` hears which phase runs ('bookkeeping', then 'commit'), so a failure can name it.
   */
  async commit(closing: readonly string[], beginNext: boolean, onPhase: (phase: ClosingPhase) => void = () => undefined): Promise<void> {
    const hooks = this.dialect.beforeCommit || this.dialect.afterTransaction || this.dialect.beforeTransaction;
    if (hooks || !this.transactional || !this.dialect.capabilities.multiStatementQueries) {
      onPhase('bookkeeping');
      await this.sink.queryMany(closing);
      onPhase('commit');
      await this.dialect.beforeCommit?.(this.sink);
      if (this.transactional) await this.sink.query(this.dialect.commitStatement);
      this.markActive(false);
      await this.dialect.afterTransaction?.(this.sink);
      return;
    }
    const chain = beginNext ? [this.dialect.commitStatement, this.dialect.beginStatement, ...this.afterBegin] : [this.dialect.commitStatement];
    onPhase(closing.length > 0 ? 'bookkeeping' : 'commit');
    try {
      await this.sink.queryMany([...closing, ...chain]);
    } catch (error) {
      const phase = await this.dialect.failedInChain?.(this.queryRunner);
      // Unknown (the connection is lost): the COMMIT may have been reached, and is named.
      onPhase(phase ?? 'commit');
      // A failed COMMIT ended the transaction: the database rolled it back itself.
      if (phase === 'commit') this.markActive(false);
      throw error;
    }
    this.open = beginNext;
    this.markActive(beginNext);
  }

  /**
   * Run `fn` between transactions: commit what the revision did so far, run it, begin again.
   * Work committed this way stays if a later op of the revision fails.
   */
  async outside(fn: () => Promise<unknown>): Promise<void> {
    if (!this.transactional) {
      await fn();
      return;
    }
    await this.commitEarly();
    await fn();
    await this.beginAgain();
  }

  /**
   * Run `fn` in a transaction of its own, between the revision's: commit what the revision did so
   * far, begin, run it, commit, begin again. Work committed this way stays if a later op fails.
   */
  async own(fn: () => Promise<unknown>): Promise<void> {
    if (!this.transactional) {
      await fn();
      return;
    }
    // Nothing ran since the last BEGIN: fn has its own transaction already.
    if (!this.fresh) {
      await this.commitEarly();
      await this.beginAgain();
    }
    await fn();
    await this.commitEarly();
    await this.beginAgain();
  }

  private async commitEarly(): Promise<void> {
    await this.sink.queryMany(this.beforeEarlyCommit());
    await this.sink.query(this.dialect.commitStatement);
    this.committedEarly = true;
    this.markActive(false);
  }

  private async beginAgain(): Promise<void> {
    await this.sendBegin();
    this.fresh = true;
  }

  private async sendBegin(): Promise<void> {
    try {
      await this.sink.queryMany([this.dialect.beginStatement, ...this.afterBegin]);
    } catch (error) {
      // The BEGIN may have run and a statement after it failed: the rollback must see a transaction.
      if (this.afterBegin.length > 0) this.markActive(true);
      throw error;
    }
    this.markActive(true);
  }

  /** `sink` for the revision's ops: what it runs makes the open transaction no longer fresh. */
  tracking(sink: StatementSink): StatementSink {
    const used = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => (...args: A): Promise<R> => {
      this.fresh = false;
      return fn(...args);
    };
    return {
      offline: sink.offline,
      query: used((sql: string, params?: unknown[]) => sink.query(sql, params)),
      viaQueryRunner: used((fn: Parameters<StatementSink['viaQueryRunner']>[0]) => sink.viaQueryRunner(fn)),
      queryMany: used((statements: readonly string[]) => sink.queryMany(statements)),
      ...(sink.comment && { comment: (text: string) => sink.comment!(text) }),
    };
  }

  async rollback(): Promise<void> {
    this.open = false;
    if (this.sink.offline) return;
    if (this.queryRunner.isTransactionActive) {
      try {
        await this.sink.query('ROLLBACK');
      } finally {
        // A ROLLBACK that failed leaves nothing to roll back on this connection either.
        this.markActive(false);
      }
    }
    await this.dialect.afterTransaction?.(this.sink);
  }

  /** Keep TypeORM's view of the connection (`isTransactionActive`, nesting depth) truthful. */
  private markActive(active: boolean): void {
    if (!this.sink.offline) markTransactionActive(this.queryRunner, active);
  }
}
