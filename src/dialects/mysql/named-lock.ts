import { createHash } from 'node:crypto';
import type { MigrationLock } from '../migration-lock';

/** MySQL/MariaDB: `GET_LOCK`, held by the connection and dropped when it closes. */
export const mysqlNamedLock: MigrationLock = {
  async acquire(queryRunner, name, timeoutMs) {
    const rows: { locked: number | null }[] = await queryRunner.query('SELECT GET_LOCK(?, ?) AS locked', [
      lockName(name),
      Math.max(0, Math.ceil(timeoutMs / 1000)),
    ]);
    return Number(rows[0]?.locked) === 1;
  },
  async release(queryRunner, name) {
    await queryRunner.query('SELECT RELEASE_LOCK(?)', [lockName(name)]);
  },
};

/** Lock names are per server, so include the database; MySQL caps them at 64 characters. */
function lockName(name: string): string {
  return `entity-migrate:${createHash('sha256').update(name).digest('hex').slice(0, 40)}`;
}
