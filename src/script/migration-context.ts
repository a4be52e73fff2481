import type { DataSource, QueryRunner } from 'typeorm';
import type { DialectName } from '../dialects';
import type { Operations } from '../ops/operations';

/** What a revision's `upgrade` and `downgrade` receive. */
export interface MigrationContext {
  /** The op API: cross-dialect schema and data changes. */
  op: Operations;
  /** TypeORM's query runner, inside the revision's transaction (for anything the op API lacks). */
  queryRunner: QueryRunner;
  dataSource: DataSource;
  /** Which database this is, for the rare revision that must branch on it. */
  dialect: DialectName;
  /**
   * The `-x key=value` pairs given to `upgrade`/`downgrade` (Alembic's `-x`), or `args` given to
   * the programmatic `upgrade()`/`downgrade()`; empty when none were. Values are text: a revision
   * parses what it needs (`Number(args.batch ?? 1000)`).
   */
  args: Readonly<Record<string, string>>;
  /** True when the SQL is being printed (`--sql`) rather than run: do not read data then. */
  offline: boolean;
  /**
   * Run `fn` outside the revision's transaction, for statements a database refuses inside one
   * (PostgreSQL's `CREATE INDEX CONCURRENTLY`, a TypeORM migration with `transaction = false`), like
   * Alembic's `autocommit_block()`: what the revision did so far (with `transactionMode: 'all'`, the
   * run so far) is committed first, and a new transaction begins after `fn`. Work done this way
   * stays if the revision fails later. With `transactionMode: 'none'` it just runs `fn`.
   */
  outsideTransaction(fn: () => Promise<void>): Promise<void>;
}
