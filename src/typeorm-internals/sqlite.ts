/**
 * TypeORM's SQLite runner (`AbstractSqliteQueryRunner`, behind `sqlite` and `better-sqlite3`;
 * 0.3.x and 1.x): the table rebuild every schema change goes through, and the SQL builders it uses.
 */
import type { QueryRunner, Table, TableIndex, View } from 'typeorm';
import type { Query } from 'typeorm/driver/Query';
import { checkedView } from './checked-view';

/** Protected members of `AbstractSqliteQueryRunner`. */
export interface SqliteRunnerInternals {
  /**
   * Rebuilds `oldTable` as `newTable` (create a temporary table, INSERT … SELECT, drop, rename)
   * and puts `newTable` into the runner's cache. Every column and constraint change calls it
   * through `this`, so an own property on the runner intercepts them all.
   */
  recreateTable(newTable: Table, oldTable: Table, migrateData?: boolean): Promise<void>;
  createTableSql(table: Table, createForeignKeys?: boolean, temporaryTable?: boolean): Query;
  createIndexSql(table: Table, index: TableIndex): Query;
  /** `ifExists` (1.x; `ifExist` in 0.3.x) left out: both default to false. */
  dropIndexSql(indexOrName: TableIndex | string): Query;
  dropTableSql(tableOrName: Table | string): Query;
  /** `"database"."table"` (an attached database) or `"table"`, quoted. */
  escapePath(target: Table | View | string): string;
}

const runnerView = checkedView<QueryRunner, SqliteRunnerInternals>('SQLite query runner', [
  'recreateTable',
  'createTableSql',
  'createIndexSql',
  'dropIndexSql',
  'dropTableSql',
  'escapePath',
]);

/** The SQLite runner with its protected helpers. The runner must be a SQLite one. */
export function sqliteRunner(queryRunner: QueryRunner): QueryRunner & SqliteRunnerInternals {
  return runnerView(queryRunner);
}

/**
 * Runs `fn` with the runner's `recreateTable` replaced (an own property shadowing TypeORM's
 * method), removed again afterwards, also when `fn` fails.
 */
export async function withRecreateTable(
  queryRunner: QueryRunner,
  replacement: SqliteRunnerInternals['recreateTable'],
  fn: () => Promise<void>,
): Promise<void> {
  const runner = sqliteRunner(queryRunner);
  runner.recreateTable = replacement;
  try {
    await fn();
  } finally {
    Reflect.deleteProperty(runner, 'recreateTable');
  }
}

/** TypeORM's own `recreateTable` (its class's), even while {@link withRecreateTable} replaces it. */
export function typeormRecreateTable(queryRunner: QueryRunner, newTable: Table, oldTable: Table): Promise<void> {
  const runner = sqliteRunner(queryRunner);
  const typeorm: SqliteRunnerInternals = Object.getPrototypeOf(runner);
  return typeorm.recreateTable.call(runner, newTable, oldTable);
}
