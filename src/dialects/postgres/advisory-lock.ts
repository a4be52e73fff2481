import { createHash } from 'node:crypto';
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
    await queryRunner.query(`SET client_connection_check_interval = '1s'`).catch(() => undefined);
    return pollUntil(async () => {
      const rows: { locked: boolean }[] = await queryRunner.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
      return rows[0]?.locked === true;
    }, timeoutMs);
  },
  async release(queryRunner, name) {
    await queryRunner.query('SELECT pg_advisory_unlock($1::bigint)', [advisoryKey(name)]);
    // The connection may be an app's pooled one: leave its settings as they were.
    await queryRunner.query('RESET client_connection_check_interval').catch(() => undefined);
  },
};

/** A stable signed 64-bit key: the first 8 bytes of the name's SHA-256. */
export function advisoryKey(name: string): string {
  const digest = createHash('sha256').update(`entity-migrate:${name}`).digest();
  return digest.readBigInt64BE(0).toString();
}
