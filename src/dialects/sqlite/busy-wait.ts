import type { QueryRunner } from 'typeorm';
import { pollUntil } from '../migration-lock';

/**
 * How long one statement may wait inside SQLite for another connection's lock while the migration
 * lock is taken or given back. SQLite's busy handler sleeps in the calling thread, which
 * better-sqlite3 runs on the event loop: with TypeORM's 5 s every retry of a bounded wait took 5 s,
 * and froze the process meanwhile. Longer waits are ours, between statements (`untilNotBusy`).
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
 * Run `fn` with the connection's busy timeout shortened (see SHORT_BUSY_TIMEOUT_MS), then give it
 * back the one it had: an app's DataSource keeps its own.
 */
export async function withShortBusyTimeout<T>(queryRunner: QueryRunner, fn: () => Promise<T>): Promise<T> {
  const rows: { timeout?: number }[] = await queryRunner.query('PRAGMA busy_timeout');
  const previous = Math.max(0, Math.round(Number(rows[0]?.timeout ?? 0)));
  await queryRunner.query(`PRAGMA busy_timeout = ${SHORT_BUSY_TIMEOUT_MS}`);
  try {
    return await fn();
  } finally {
    await queryRunner.query(`PRAGMA busy_timeout = ${previous}`);
  }
}
