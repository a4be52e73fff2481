import type { QueryRunner } from 'typeorm';
import type { Dialect } from '../dialects';
import { LockTimeoutError } from '../errors';

/**
 * Run `fn` holding the migration lock named `name` on this connection. Everything that decides
 * what to run (reading the version table, planning) must happen inside `fn`, so a process that
 * waited sees what the previous holder applied and applies nothing twice.
 */
export async function withMigrationLock<T>(
  queryRunner: QueryRunner,
  dialect: Dialect,
  name: string,
  timeoutMs: number,
  fn: () => Promise<T>,
): Promise<T> {
  const { lock } = dialect;
  if (!(await lock.acquire(queryRunner, name, timeoutMs))) {
    throw new LockTimeoutError(
      'LOCK_TIMEOUT',
      // Not "another process": several migrators in one process wait for each other too.
      `The migration lock '${name}' was not free within ${Math.round(timeoutMs / 1000)} s ` +
        `(another migration run holds it, maybe in this same process); retry, or raise --lock-timeout`,
    );
  }
  try {
    return await fn();
  } finally {
    // A lock we cannot release dies with the session (PostgreSQL, MySQL) or is taken over as
    // stale once this process exits or its lease lapses (SQLite); failing the run over it would
    // hide the real result.
    await lock.release(queryRunner, name).catch(() => undefined);
  }
}
