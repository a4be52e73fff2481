import type { QueryRunner } from 'typeorm';

/**
 * A lock held for a whole upgrade/downgrade run, so that every app instance can call
 * `upgrade('head')` at startup: one runs, the others wait, then re-read the version and find
 * nothing left to do.
 */
export interface MigrationLock {
  /** Wait up to `timeoutMs` for the lock named `name`; false when it is still held by then. */
  acquire(queryRunner: QueryRunner, name: string, timeoutMs: number): Promise<boolean>;
  release(queryRunner: QueryRunner, name: string): Promise<void>;
  /** Tables the lock keeps for itself (SQLite's lock row), which autogenerate must leave alone. */
  tables?(name: string): string[];
}

/** Retry `attempt` with a growing pause until it succeeds or `timeoutMs` has passed. */
export async function pollUntil(attempt: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let pause = 25;
  for (;;) {
    if (await attempt()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, Math.max(1, deadline - Date.now()))));
    pause = Math.min(pause * 2, 500);
  }
}
