import { hostname } from 'node:os';
import type { QueryRunner } from 'typeorm';
import type { MigrationLock } from '../migration-lock';
import { pollUntil } from '../migration-lock';
import { isBusy, shortenBusyTimeout, untilNotBusy, waitOutBusyStatements } from './busy-wait';

/** What holding the lock changed on a connection, undone at release. */
interface Held {
  timeoutMs: number;
  /** The runner's `query` without waiting out SQLITE_BUSY. */
  direct: QueryRunner['query'];
  undo(): Promise<void>;
}

const held = new WeakMap<QueryRunner, Held>();

/**
 * SQLite has no session locks, so the lock is a row in `<name>_lock` naming its owner
 * (host:pid). A row whose owner process is gone on this host is stale (the process was killed)
 * and is taken over, so a crash never needs a manual unlock.
 *
 * `timeoutMs` bounds the whole wait, creating the lock table included: another connection's write
 * transaction holds that up on a fresh file as it holds up the row's INSERT.
 */
export const sqliteLockRow: MigrationLock = {
  async acquire(queryRunner, name, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    const restoreBusyTimeout = await shortenBusyTimeout(queryRunner);
    let acquired = false;
    try {
      acquired = await takeRow(queryRunner, lockTable(name), deadline);
    } finally {
      if (!acquired) await restoreBusyTimeout();
    }
    if (!acquired) return false;
    // The run waits for other connections as the lock did: on timers, each wait up to the lock timeout.
    const { direct, undo } = waitOutBusyStatements(queryRunner, timeoutMs);
    held.set(queryRunner, {
      timeoutMs,
      direct,
      async undo() {
        undo();
        await restoreBusyTimeout();
      },
    });
    return true;
  },
  async release(queryRunner, name) {
    const holding = held.get(queryRunner);
    held.delete(queryRunner);
    const query = holding?.direct ?? queryRunner.query.bind(queryRunner);
    try {
      const deadline = Date.now() + (holding?.timeoutMs ?? 0);
      await untilNotBusy(() => query(`DELETE FROM ${lockTable(name)} WHERE id = 1 AND owner = ?`, [owner()]), deadline);
    } finally {
      await holding?.undo();
    }
  },
  tables: (name) => [sqliteLockTableName(name)],
};

/** Create the lock table if needed and insert our row, taking over a stale one; false at `deadline`. */
async function takeRow(queryRunner: QueryRunner, table: string, deadline: number): Promise<boolean> {
  const created = await untilNotBusy(
    () => queryRunner.query(`CREATE TABLE IF NOT EXISTS ${table} (id INTEGER PRIMARY KEY CHECK (id = 1), owner TEXT NOT NULL, acquired_at TEXT NOT NULL)`),
    deadline,
  );
  if (!created) return false;
  const me = owner();
  return pollUntil(async () => {
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
}

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
