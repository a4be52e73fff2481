import { createHash } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import type { MigrationLock } from '../migration-lock';

/**
 * MySQL/MariaDB: `GET_LOCK`, held by the connection and dropped when it closes. Lock names are
 * per server, so the name is the database's and the lock's together: migrating one database
 * never waits for another on the same server.
 */
export const mysqlNamedLock: MigrationLock = {
  async acquire(queryRunner, name, timeoutMs) {
    const held = await serverLockName(queryRunner, name);
    const rows: { locked: number | null }[] = await queryRunner.query('SELECT GET_LOCK(?, ?) AS locked', [
      held,
      Math.max(0, Math.ceil(timeoutMs / 1000)),
    ]);
    const locked = Number(rows[0]?.locked) === 1;
    if (locked) heldNames.set(queryRunner, held);
    return locked;
  },
  async release(queryRunner, name) {
    // The name it was taken under, even if a revision switched the connection's database (USE).
    const held = heldNames.get(queryRunner) ?? (await serverLockName(queryRunner, name));
    heldNames.delete(queryRunner);
    await queryRunner.query('SELECT RELEASE_LOCK(?)', [held]);
  },
};

const heldNames = new WeakMap<QueryRunner, string>();

/** `name` in the connection's database, hashed: MySQL caps lock names at 64 characters. */
async function serverLockName(queryRunner: QueryRunner, name: string): Promise<string> {
  const rows: { database: string | null }[] = await queryRunner.query('SELECT DATABASE() AS `database`');
  const database = rows[0]?.database ?? '';
  return `entity-migrate:${createHash('sha256').update(JSON.stringify([database, name])).digest('hex').slice(0, 40)}`;
}
