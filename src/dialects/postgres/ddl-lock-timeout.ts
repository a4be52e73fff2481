/**
 * PostgreSQL: each revision's transaction starts with `SET LOCAL lock_timeout`, so a statement that
 * cannot get its lock in time fails with 55P03 (lock_not_available) instead of waiting, while every
 * later query of the app on that table queues behind it. LOCAL ends with the transaction: nothing
 * stays on an app's pooled connection, and statements run between transactions (CREATE INDEX
 * CONCURRENTLY, which waits for older transactions by design) are not cut short.
 */
import { driverFailures } from '../driver-error';
import type { DdlLockTimeout } from '../dialect';
import { quotePath, quoteWith } from '../sql-text';

interface BlockerRow {
  pid: number;
  state: string | null;
  seconds: number | null;
  query: string | null;
}

const quotedPath = (table: string): string => quotePath((name) => quoteWith('"', name), table);

export const postgresDdlLockTimeout: DdlLockTimeout = {
  inTransaction: (ms) => [`SET LOCAL lock_timeout = '${Math.round(ms)}ms'`],

  isLockTimeout: (error) => driverFailures(error).some((f) => f.code === '55P03'),

  async blockers(db, tables, defaultSchema) {
    const paths = tables.map((t) => quotedPath(t.includes('.') || !defaultSchema ? t : `${defaultSchema}.${t}`));
    const rows = (await db.query(
      `SELECT DISTINCT a.pid, a.state, extract(epoch FROM now() - coalesce(a.xact_start, a.query_start))::int AS seconds,
              left(rtrim(regexp_replace(a.query, '\\s+', ' ', 'g'), '; '), 100) AS query
         FROM pg_stat_activity a
        WHERE a.pid <> pg_backend_pid() AND a.datname = current_database()
          AND (cardinality($1::text[]) = 0 AND a.xact_start IS NOT NULL
               OR EXISTS (SELECT 1 FROM pg_locks l
                           WHERE l.pid = a.pid AND l.granted AND l.locktype = 'relation'
                             AND l.relation IN (SELECT to_regclass(p) FROM unnest($1::text[]) AS p)))
        ORDER BY a.pid`,
      [paths],
    )) as BlockerRow[];
    return rows.map(describeBlocker);
  },
};

function describeBlocker(row: BlockerRow): string {
  const since = row.seconds === null ? '' : ` for ${row.seconds} s`;
  return `pid ${row.pid}, ${row.state ?? 'unknown state'}${since}${row.query ? `: ${row.query}` : ''}`;
}
