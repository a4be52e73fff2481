import type { QueryRunner } from 'typeorm';
import { LockTimeoutError } from '../../errors';
import { pollUntil } from '../migration-lock';

/**
 * How long one statement may wait inside SQLite for another connection's lock while a migration
 * run takes, holds or gives back its lock. SQLite's busy handler sleeps in the calling thread,
 * which better-sqlite3 runs on the event loop: with TypeORM's 5 s it froze the whole process (the
 * lock holder too, when several migrators or an app shared it) and made each retry of a bounded
 * wait 5 s long. Longer waits are ours, between statements, on timers.
 */
const SHORT_BUSY_TIMEOUT_MS = 50;

/** SQLITE_BUSY: another connection holds the lock this statement needs; nothing was done. */
export function isBusy(error: unknown): boolean {
  return /SQLITE_BUSY|database is locked/i.test(String((error as Error)?.message ?? error));
}

/**
 * Run `statement` until it gets past SQLITE_BUSY, pausing between tries without blocking the event
 * loop. False when it was still busy at `deadline` (it is tried at least once).
 */
export function untilNotBusy(statement: () => Promise<unknown>, deadline: number): Promise<boolean> {
  return pollUntil(async () => {
    try {
      await statement();
      return true;
    } catch (error) {
      if (isBusy(error)) return false;
      throw error;
    }
  }, deadline - Date.now());
}

/**
 * Shorten the connection's busy timeout (see SHORT_BUSY_TIMEOUT_MS); returns what gives it back
 * the one it had: an app's DataSource keeps its own.
 */
export async function shortenBusyTimeout(queryRunner: QueryRunner): Promise<() => Promise<void>> {
  const rows: { timeout?: number }[] = await queryRunner.query('PRAGMA busy_timeout');
  const previous = Math.max(0, Math.round(Number(rows[0]?.timeout ?? 0)));
  await queryRunner.query(`PRAGMA busy_timeout = ${SHORT_BUSY_TIMEOUT_MS}`);
  return async () => {
    await queryRunner.query(`PRAGMA busy_timeout = ${previous}`);
  };
}

type Query = QueryRunner['query'];

/**
 * Make every statement on the runner wait out SQLITE_BUSY on timers, up to `timeoutMs` each, until
 * the returned function undoes it. Retrying is safe: a statement refused with SQLITE_BUSY did
 * nothing, and inside our transactions (BEGIN IMMEDIATE, the write lock held) only COMMIT can be
 * refused, which SQLite says to retry. Returns the runner's own `query`, which does not wait.
 */
export function waitOutBusyStatements(queryRunner: QueryRunner, timeoutMs: number): { direct: Query; undo: () => void } {
  const own = Object.getOwnPropertyDescriptor(queryRunner, 'query');
  const direct: Query = queryRunner.query.bind(queryRunner);
  const patient = async (...args: Parameters<Query>) => {
    let result: unknown;
    const done = await untilNotBusy(async () => {
      result = await direct(...args);
    }, Date.now() + timeoutMs);
    if (!done) {
      throw Object.assign(
        new LockTimeoutError('LOCK_TIMEOUT', `another connection kept the SQLite database locked for more than ${Math.round(timeoutMs / 1000)} s; retry, or raise --lock-timeout`),
        { query: args[0] },
      );
    }
    return result;
  };
  queryRunner.query = patient as Query;
  return {
    direct,
    undo: () => {
      if (own) Object.defineProperty(queryRunner, 'query', own);
      else delete (queryRunner as Partial<QueryRunner>).query;
    },
  };
}
