/**
 * A QueryRunner with no connection behind it, for `--sql` scripts written without a database
 * (`upgrade A:B --sql`). TypeORM's schema methods run in SQL-in-memory mode and build their SQL
 * from the tables in the runner's cache, which the script fills as its revisions run (the
 * revisions before the range are replayed first, their statements discarded). What they would
 * otherwise ask the catalog (does this table, column, enum type exist? which schema is current?)
 * is answered from that cache, and any other query fails with one line instead of connecting.
 *
 * Methods replaced on the instance: `query`, `loadTables`, `loadViews`, `hasTable`, `hasColumn`,
 * `hasSchema`, `hasDatabase`, `getCurrentSchema`, `getCurrentDatabase`, `getVersion`, `connect`,
 * `release`. All exist on every runner of the 0.3.x and 1.x lines. What only one database's runner
 * asks is answered by its dialect (`DialectOfflineScript.detach`).
 */
import type { DataSource, QueryRunner, Table } from 'typeorm';
import { runnerCache } from './query-runner';

/** What connecting would have told the driver, for a script written without connecting. */
export interface DetachedDriverState {
  /** The server version TypeORM's SQL may depend on (generated columns, MariaDB's uuid type). */
  version: string;
  /** The schema unqualified names live in (PostgreSQL), absent without schemas. */
  searchSchema?: string;
  /** Driver flags that `connect()` derives from the version, set the same way. */
  flags?: Record<string, unknown>;
}

/** Thrown when a revision (or TypeORM) asks the database something while a script is written offline. */
export class DetachedQueryError extends Error {}

interface DriverFields {
  version?: string;
  database?: string;
  searchSchema?: string;
  schema?: string;
  options: { database?: unknown; schema?: unknown };
}

interface DetachedMembers {
  loadTables(names?: string[]): Promise<Table[]>;
  loadViews(names?: string[]): Promise<unknown[]>;
}

const detached = new WeakSet<QueryRunner>();

/** Whether the runner has no connection (a script written without a database): ask its cache, not the catalog. */
export function isDetached(queryRunner: QueryRunner): boolean {
  return detached.has(queryRunner);
}

/** A runner on `dataSource`'s driver that never connects; `state` stands in for what connecting reads. */
export function detachedQueryRunner(dataSource: DataSource, state: DetachedDriverState): QueryRunner {
  const driver = dataSource.driver as unknown as DriverFields;
  driver.version ??= state.version;
  if (typeof driver.options.database === 'string') driver.database ??= driver.options.database;
  if (state.searchSchema !== undefined) {
    driver.searchSchema ??= state.searchSchema;
    driver.schema ??= driver.searchSchema;
  }
  Object.assign(driver, state.flags ?? {});

  const queryRunner = dataSource.createQueryRunner();
  detached.add(queryRunner);
  const runner = queryRunner as QueryRunner & DetachedMembers;
  const cache = runnerCache(queryRunner);
  const cached = (target: Table | string): Table | undefined => {
    const path = cache.getTablePath(target);
    return cache.loadedTables.find((t) => cache.getTablePath(t) === path);
  };
  queryRunner.query = ((sql: string) => {
    const shown = sql.replace(/\s+/g, ' ').trim();
    throw new DetachedQueryError(
      `--sql with a range writes the script without a database, but this asked it: ${shown.length > 80 ? `${shown.slice(0, 77)}...` : shown} ` +
        `(a revision that reads the database can test context.offline)`,
    );
  }) as QueryRunner['query'];
  // Nothing is in a database that was never read: a table is known once a revision of the script made it.
  runner.loadTables = async () => [];
  runner.loadViews = async () => [];
  queryRunner.hasTable = async (target) => cached(target) !== undefined;
  queryRunner.hasColumn = async (target, column) => cached(target)?.columns.some((c) => c.name === column) ?? false;
  // Unknown, so the script says CREATE SCHEMA IF NOT EXISTS where a schema is needed.
  queryRunner.hasSchema = async () => false;
  queryRunner.hasDatabase = async () => false;
  queryRunner.getCurrentSchema = async () => driver.searchSchema ?? '';
  queryRunner.getCurrentDatabase = async () => driver.database ?? '';
  (queryRunner as { getVersion?: () => Promise<string> }).getVersion = async () => state.version;
  queryRunner.connect = async () => undefined;
  queryRunner.release = async () => undefined;
  return queryRunner;
}
