import { randomBytes } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import type { MigrationLock } from '../migration-lock';
import { pollUntil } from '../migration-lock';
import { isBusy, shortenBusyTimeout, untilNotBusy, waitOutBusyStatements } from './busy-wait';
import { isStale, ownerName, pidNamespace, RENEW_EVERY_MS, type LockHolder } from './lock-lease';

/**
 * SQLite has no session locks, so the lock is a row in `<name>_lock`: its owner (host:pid, for
 * people), a token of this hold (for us: a second migrator of the same process is another owner),
 * and a lease the holder renews. A waiter takes over a stale row (lock-lease.ts), so a crash never
 * needs a manual unlock, and a live holder in another container is not mistaken for a dead one.
 *
 * `timeoutMs` bounds the whole wait, creating the lock table included: another connection's write
 * transaction holds that up on a fresh file as it holds up the row's INSERT.
 */
export const sqliteLockRow: MigrationLock = {
  async acquire(queryRunner, name, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    const table = lockTable(name);
    const token = randomBytes(16).toString('hex');
    const restoreBusyTimeout = await shortenBusyTimeout(queryRunner);
    let acquired = false;
    try {
      acquired = (await ensureLockTable(queryRunner, table, deadline)) && (await takeRow(queryRunner, table, token, deadline));
    } finally {
      if (!acquired) await restoreBusyTimeout();
    }
    if (!acquired) return false;
    // The run waits for other connections as the lock did: on timers, each wait up to the lock timeout.
    const { direct, undo } = waitOutBusyStatements(queryRunner, timeoutMs);
    // A renewal that fails (the database busy a moment) is retried at the next tick, long before the lease ends.
    const renewal = setInterval(() => {
      direct(`UPDATE ${table} SET renewed_at = ? WHERE id = 1 AND token = ?`, [Date.now(), token]).catch(() => undefined);
    }, RENEW_EVERY_MS);
    renewal.unref();
    held.set(queryRunner, {
      token,
      timeoutMs,
      direct,
      async stop() {
        clearInterval(renewal);
        undo();
        await restoreBusyTimeout();
      },
    });
    return true;
  },
  async release(queryRunner, name) {
    const holding = held.get(queryRunner);
    if (!holding) return;
    held.delete(queryRunner);
    try {
      const deadline = Date.now() + holding.timeoutMs;
      await untilNotBusy(() => holding.direct(`DELETE FROM ${lockTable(name)} WHERE id = 1 AND token = ?`, [holding.token]), deadline);
    } finally {
      await holding.stop();
    }
  },
  tables: (name) => [sqliteLockTableName(name)],
};

/** What holding the lock set up on a connection, stopped at release. */
interface Held {
  token: string;
  timeoutMs: number;
  /** The runner's `query` without waiting out SQLITE_BUSY. */
  direct: QueryRunner['query'];
  stop(): Promise<void>;
}

const held = new WeakMap<QueryRunner, Held>();

/** Columns added to the first layout (id, owner, acquired_at): a table an older version made gets them. */
const LEASE_COLUMNS = { token: 'TEXT', pid_namespace: 'TEXT', renewed_at: 'INTEGER' } as const;

/** Create the lock table, or give an older one the lease columns; false when busy until `deadline`. */
async function ensureLockTable(queryRunner: QueryRunner, table: string, deadline: number): Promise<boolean> {
  const lease = Object.entries(LEASE_COLUMNS).map(([column, type]) => `${column} ${type}`);
  const create = `CREATE TABLE IF NOT EXISTS ${table} (id INTEGER PRIMARY KEY CHECK (id = 1), owner TEXT NOT NULL, acquired_at TEXT NOT NULL, ${lease.join(', ')})`;
  if (!(await untilNotBusy(() => queryRunner.query(create), deadline))) return false;
  const columns: { name: string }[] = await queryRunner.query(`PRAGMA table_info(${table})`);
  for (const [column, type] of Object.entries(LEASE_COLUMNS)) {
    if (columns.some((c) => c.name === column)) continue;
    const added = await untilNotBusy(
      // Another waiter may add it first.
      () => queryRunner.query(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`).catch((error: unknown) => {
        if (!/duplicate column/i.test(String((error as Error)?.message ?? error))) throw error;
      }),
      deadline,
    );
    if (!added) return false;
  }
  return true;
}

/** Insert our row, taking over a stale one; false while the row is someone else's at `deadline`. */
async function takeRow(queryRunner: QueryRunner, table: string, token: string, deadline: number): Promise<boolean> {
  const namespace = pidNamespace();
  return pollUntil(async () => {
    try {
      const now = Date.now();
      await queryRunner.query(
        `INSERT INTO ${table} (id, owner, acquired_at, token, pid_namespace, renewed_at) VALUES (1, ?, ?, ?, ?, ?)`,
        [ownerName(), new Date(now).toISOString(), token, namespace, now],
      );
      return true;
    } catch (error) {
      if (isBusy(error)) return false;
      if (!isConstraint(error)) throw error;
    }
    const rows: { owner: string; token: string | null; pid_namespace: string | null; renewed_at: number | null }[] = await queryRunner
      .query(`SELECT owner, token, pid_namespace, renewed_at FROM ${table} WHERE id = 1`)
      .catch(() => []);
    const row = rows[0];
    if (!row) return false;
    const holder: LockHolder = { owner: row.owner, pidNamespace: row.pid_namespace, renewedAt: row.renewed_at === null ? null : Number(row.renewed_at) };
    if (isStale(holder)) {
      // Only the row as we judged it: renewed meanwhile, or taken over by another waiter, it stays.
      await queryRunner
        .query(`DELETE FROM ${table} WHERE id = 1 AND owner = ? AND token IS ? AND renewed_at IS ?`, [row.owner, row.token, row.renewed_at])
        .catch(() => undefined);
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

function isConstraint(error: unknown): boolean {
  return /SQLITE_CONSTRAINT|UNIQUE constraint failed/i.test(String((error as Error)?.message ?? error));
}
