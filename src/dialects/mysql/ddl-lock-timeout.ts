/**
 * MySQL/MariaDB: DDL waits for the table's metadata lock, which an open transaction of the app holds
 * until it ends, and every later query on the table queues behind the waiting DDL. The session's
 * `lock_wait_timeout` (whole seconds, default a year) bounds that wait; it is set on the run's
 * connection for the run and put back afterwards. A timeout is error 1205 (ER_LOCK_WAIT_TIMEOUT).
 * MySQL does not say who holds a metadata lock without a plugin, so the sessions with an open
 * InnoDB transaction are named.
 */
import { driverFailures } from '../driver-error';
import type { DdlLockTimeout } from '../dialect';

interface BlockerRow {
  id: number;
  state: string | null;
  seconds: number | null;
  query: string | null;
}

export const mysqlDdlLockTimeout: DdlLockTimeout = {
  async forSession(db, ms) {
    const [{ previous }] = (await db.query('SELECT @@SESSION.lock_wait_timeout AS previous')) as { previous: number | string }[];
    await db.query(`SET SESSION lock_wait_timeout = ${Math.max(1, Math.ceil(ms / 1000))}`);
    return async () => {
      await db.query(`SET SESSION lock_wait_timeout = ${Number(previous)}`);
    };
  },

  isLockTimeout: (error) => driverFailures(error).some((f) => f.errno === 1205 || f.code === 'ER_LOCK_WAIT_TIMEOUT'),

  async blockers(db) {
    const rows = (await db.query(
      `SELECT p.ID AS id, p.COMMAND AS state, TIMESTAMPDIFF(SECOND, t.trx_started, NOW()) AS seconds,
              LEFT(COALESCE(t.trx_query, p.INFO), 100) AS query
         FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
        WHERE p.ID <> CONNECTION_ID() ORDER BY p.ID`,
    )) as BlockerRow[];
    return rows.map((r) => `connection ${r.id}, ${r.state ?? 'unknown state'} in a transaction${r.seconds === null ? '' : ` for ${r.seconds} s`}${r.query ? `: ${r.query}` : ''}`);
  },
};
