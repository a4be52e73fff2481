import { hostname } from 'node:os';
import type { QueryRunner } from 'typeorm';
import type { MigrationLock } from '../migration-lock';
import { pollUntil } from '../migration-lock';
import { isBusy, untilNotBusy, withShortBusyTimeout } from './busy-wait';

/** The lock timeout of the run holding the lock on a connection: it bounds the release too. */
const heldFor = new WeakMap<QueryRunner, number>();

/**
 * SQLite has no session locks, so the lock is a row in `<name>_lock` naming its owner
 * (host:pid). A row whose owner process is gone on this host is stale (the process was killed)
 * and is taken over, so a crash never needs a manual unlock.
 *
 * `timeoutMs` bounds the whole wait, creating the lock table included: another connection's write
 * transaction holds that up on a fresh file as it holds up the row's INSERT.
 */
export const sqliteLockRow: MigrationLock = {
  acquire(queryRunner, name, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    const table = lockTable(name);
    const me = owner();
    return withShortBusyTimeout(queryRunner, async () => {
      const created = await untilNotBusy(
        () => queryRunner.query(`CREATE TABLE IF NOT EXISTS ${table} (id INTEGER PRIMARY KEY CHECK (id = 1), owner TEXT NOT NULL, acquired_at TEXT NOT NULL)`),
        deadline,
      );
      if (!created) return false;
      const acquired = await pollUntil(async () => {
        try {
          await queryRunner.query(`INSERT INTO ${table} (id, owner, acquired_at) VALUES (1, ?, ?)`, [me, new Date().toISOString()]);
          return true;
        } catch (error) {
          if (isBusy(error)) return false;
          if (!isConstraint(error)) throw error;
        }
        const rows: { owner: string }[] = await queryRunner.query(`SELECT owner FROM ${table} WHERE id = 1`).catch(() => []);
        const holder = rows[0]?.owner;
        if (holder && isStale(holder)) {
          // Only the row we saw: if another waiter took it over first, this deletes nothing.
          await queryRunner.query(`DELETE FROM ${table} WHERE id = 1 AND owner = ?`, [holder]).catch(() => undefined);
        }
        return false;
      }, deadline - Date.now());
      if (acquired) heldFor.set(queryRunner, timeoutMs);
      return acquired;
    });
  },
  async release(queryRunner, name) {
    const deadline = Date.now() + (heldFor.get(queryRunner) ?? 0);
    heldFor.delete(queryRunner);
    await withShortBusyTimeout(queryRunner, () =>
      untilNotBusy(() => queryRunner.query(`DELETE FROM ${lockTable(name)} WHERE id = 1 AND owner = ?`, [owner()]), deadline),
    );
  },
  tables: (name) => [sqliteLockTableName(name)],
};

/** The lock row's table: `<lock name>_lock` (autogenerate leaves it alone). */
export function sqliteLockTableName(name: string): string {
  return `${name}_lock`;
}

function lockTable(name: string): string {
  return `"${sqliteLockTableName(name).replace(/"/g, '""')}"`;
}

function owner(): string {
  return `${hostname()}:${process.pid}`;
}

function isStale(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== hostname()) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function isConstraint(error: unknown): boolean {
  return /SQLITE_CONSTRAINT|UNIQUE constraint failed/i.test(String((error as Error)?.message ?? error));
}
