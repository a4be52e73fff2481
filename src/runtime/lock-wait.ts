/**
 * `ddlLockTimeout` and `ddlRetries` in a run: a revision whose DDL could not get its lock in time
 * is rolled back and tried again after a pause that doubles each time (1 s, 2 s, 4 s … at most
 * 30 s), so the app's queries never queue behind a waiting migration for longer than the timeout.
 * Who holds the lock is read from the database for the warning and, when the retries run out, for
 * the error.
 */
import type { DataSource } from 'typeorm';
import type { Dialect, Queryable } from '../dialects';
import type { Op } from '../ops/types';

export interface LockWaitSettings {
  /** ms; 0: no timeout, no retries. */
  timeoutMs: number;
  retries: number;
}

/** A revision rolled back after waiting too long for a lock, about to be tried again. */
export interface LockRetry {
  revision: string;
  /** 1 for the first retry. */
  attempt: number;
  retries: number;
  delayMs: number;
  /** `the lock on orders was not granted within 5000 ms; held by pid 4242, …`. */
  reason: string;
}

export const retryDelayMs = (attempt: number): number => Math.min(1000 * 2 ** (attempt - 1), 30_000);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What the revision waited for and who holds it: the tables `op` locks (none known for raw SQL or
 * a failure outside an op: then every session in a transaction is named).
 */
export async function describeLockWait(db: Queryable, dataSource: DataSource, dialect: Dialect, op: Op | undefined, timeoutMs: number): Promise<string> {
  const timeout = dialect.ddlLockTimeout;
  const tables = op ? [...new Set(dialect.locking.impacts(op).flatMap((i) => i.table ?? []))] : [];
  const defaultSchema = await dialect.introspection.defaultSchema(dataSource);
  const blockers = timeout ? await timeout.blockers(db, tables, defaultSchema).catch(() => []) : [];
  const what = tables.length > 0 ? `the lock on ${tables.join(', ')}` : 'a lock';
  const held = blockers.length > 0 ? `; held by ${blockers.join('; ')}` : '';
  return `${what} was not granted within ${timeoutMs} ms (ddlLockTimeout)${held}`;
}
