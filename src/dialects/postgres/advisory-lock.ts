import { createHash } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import type { MigrationLock } from '../migration-lock';
import { pollUntil } from '../migration-lock';

/**
 * PostgreSQL: a session-level advisory lock on a key derived from the lock name. The server
 * drops it when the session ends, so a killed process never leaves it behind.
 */
export const postgresAdvisoryLock: MigrationLock = {
  async acquire(queryRunner, name, timeoutMs) {
    const key = advisoryKey(name);
    // A client killed during a long statement is noticed only when the statement ends, and its
    // session keeps the lock till then. PostgreSQL 14+ can poll for a dead client instead.
    await checkForDeadClient(queryRunner);
    try {
      const acquired = await pollUntil(async () => {
        const rows: { locked: boolean }[] = await queryRunner.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
        return rows[0]?.locked === true;
      }, timeoutMs);
      if (!acquired) await restoreCheckInterval(queryRunner);
      return acquired;
    } catch (error) {
      await restoreCheckInterval(queryRunner);
      throw error;
    }
  },
  async release(queryRunner, name) {
    try {
      await queryRunner.query('SELECT pg_advisory_unlock($1::bigint)', [advisoryKey(name)]);
    } finally {
      await restoreCheckInterval(queryRunner);
    }
  },
};

/**
 * The session's own `client_connection_check_interval`, by connection, while ours is set: the
 * connection may be an app's pooled one (a DataSource passed to createMigrator), which must get
 * its value back, not the server default.
 */
const appCheckInterval = new WeakMap<QueryRunner, string>();

async function checkForDeadClient(queryRunner: QueryRunner): Promise<void> {
  // NULL before PostgreSQL 14, which has no such setting: nothing to set or restore.
  const rows: { value: string | null }[] = await queryRunner
    .query(`SELECT current_setting('client_connection_check_interval', true) AS value`)
    .catch(() => []);
  const value = rows[0]?.value;
  if (typeof value !== 'string') return;
  appCheckInterval.set(queryRunner, value);
  await queryRunner.query(`SET client_connection_check_interval = '1s'`).catch(() => undefined);
}

async function restoreCheckInterval(queryRunner: QueryRunner): Promise<void> {
  const value = appCheckInterval.get(queryRunner);
  if (value === undefined) return;
  appCheckInterval.delete(queryRunner);
  await queryRunner.query(`SELECT set_config('client_connection_check_interval', $1, false)`, [value]).catch(() => undefined);
}

/** A stable signed 64-bit key: the first 8 bytes of the name's SHA-256. */
export function advisoryKey(name: string): string {
  const digest = createHash('sha256').update(`entity-migrate:${name}`).digest();
  return digest.readBigInt64BE(0).toString();
}
