/**
 * What every TypeORM QueryRunner has (`BaseQueryRunner`, 0.3.x and 1.x alike) and its typings
 * hide: the table and view cache its schema methods read and update, and its transaction flags.
 */
import type { QueryRunner, Table, View } from 'typeorm';
import { checkedView } from './checked-view';
import { queryOneAtATime } from './one-query-at-a-time';

/**
 * The runner's cache of loaded tables and views (`BaseQueryRunner`, 0.3.x and 1.x). Schema methods
 * (`addColumn`, `changeColumn`, …) take the table from it and put the changed table back;
 * `createTable`, `dropTable` and PostgreSQL's `renameTable` leave it alone.
 */
export interface RunnerCache {
  /** Tables loaded or changed in this runner (in 0.3.x's QueryRunner interface; 1.x's has it on BaseQueryRunner only). */
  loadedTables: Table[];
  /** Views loaded in this runner, by name (as `loadedTables`). */
  loadedViews: View[];
  /** Table name as asked for → its path (`schema.table`); private. Stale keys make lookups miss. */
  cachedTablePaths: Record<string, string>;
  /** The table from the cache, else loaded from the database (protected). */
  getCachedTable(name: string): Promise<Table>;
  /** The view from the cache, else loaded; rejects when there is none (protected). */
  getCachedView(name: string): Promise<View>;
  /** Replaces `table` in the cache by `changed`, paths included (protected). */
  replaceCachedTable(table: Table, changed: Table): void;
  /** The path TypeORM keys a table by: `schema.table`, or `table` where there are no schemas (protected). */
  getTablePath(target: Table | View | string): string;
}

const cacheView = checkedView<QueryRunner, RunnerCache>('QueryRunner', ['getCachedTable', 'getCachedView', 'replaceCachedTable', 'getTablePath']);

/** The runner's table and view cache. */
export function runnerCache(queryRunner: QueryRunner): RunnerCache {
  return cacheView(queryRunner);
}

/**
 * The runner's transaction flags (`BaseQueryRunner`, 0.3.x and 1.x): `isTransactionActive` (read
 * only in the `QueryRunner` interface) and `transactionDepth` (protected), which decides whether
 * `startTransaction` sends BEGIN or a SAVEPOINT.
 */
interface TransactionFlags {
  isTransactionActive: boolean;
  transactionDepth: number;
}

const flagsView = checkedView<QueryRunner, TransactionFlags>('QueryRunner', []);

/**
 * Tells the runner a transaction is open (depth 1) or none is, after we sent BEGIN or COMMIT
 * ourselves: an EntityManager used inside then nests in ours (savepoints) instead of committing it.
 */
export function markTransactionActive(queryRunner: QueryRunner, active: boolean): void {
  const runner: TransactionFlags = flagsView(queryRunner);
  runner.isTransactionActive = active;
  runner.transactionDepth = active ? 1 : 0;
}

/**
 * `loadTables` (protected on every runner, 0.3.x and 1.x): it reads tables from the catalog, and
 * every table read goes through it, `getTable` and the cache behind `changeColumn` alike.
 */
interface TableLoader {
  loadTables(tableNames?: string[]): Promise<Table[]>;
}

const loaderView = checkedView<QueryRunner, TableLoader>('QueryRunner', ['loadTables']);

/** The corrections already installed on each runner. */
const installedFixes = new WeakMap<QueryRunner, Set<LoadedTablesFix>>();

export type LoadedTablesFix = (queryRunner: QueryRunner, tables: Table[]) => Promise<void>;

/**
 * Make every table this runner loads from now on pass through `fix` (in place) before TypeORM or
 * anyone else sees it, by replacing `loadTables` on the instance. Once per runner and `fix`.
 */
export function correctLoadedTables(queryRunner: QueryRunner, fix: LoadedTablesFix): void {
  const fixes = installedFixes.get(queryRunner) ?? new Set();
  if (fixes.has(fix)) return;
  fixes.add(fix);
  installedFixes.set(queryRunner, fixes);
  const runner = loaderView(queryRunner);
  const load = runner.loadTables.bind(queryRunner);
  runner.loadTables = async (names) => {
    const tables = await load(names);
    await fix(queryRunner, tables);
    return tables;
  };
}

/** Where TypeORM keeps its metadata table, qualified as its own queries spell it (protected, 0.3.x and 1.x). */
interface MetadataTableNamer {
  getTypeormMetadataTableName(): string;
}

const metadataNamerView = checkedView<QueryRunner, MetadataTableNamer>('QueryRunner', ['getTypeormMetadataTableName']);

const tolerant = new WeakSet<QueryRunner>();

/**
 * TypeORM's table loaders ask `typeorm_metadata` for the expression of every generated column and
 * fail (`relation "typeorm_metadata" does not exist`) on a database whose generated columns were
 * made by hand or by another tool, where that table was never created. From now on, while this
 * runner loads tables and the metadata table does not exist, its queries on that table answer no
 * rows, as they would on an empty one; the column then reads with an empty expression, which the
 * dialect's `completeGeneratedColumns` fills in where it matters. Its queries also go one at a
 * time (one-query-at-a-time.ts). Once per runner.
 */
export function tolerateMissingMetadataTable(queryRunner: QueryRunner): void {
  if (tolerant.has(queryRunner)) return;
  tolerant.add(queryRunner);
  // Every runner that loads tables comes through here; their loaders overlap queries.
  queryOneAtATime(queryRunner);
  const runner = loaderView(queryRunner);
  const load = runner.loadTables.bind(queryRunner);
  // Once seen it stays (nothing of ours drops it): one catalog query per runner, not per load.
  let seen = false;
  runner.loadTables = async (names) => {
    const table = metadataNamerView(queryRunner).getTypeormMetadataTableName();
    if (seen || (seen = await queryRunner.hasTable(table))) return load(names);
    const query = queryRunner.query;
    const own = Object.prototype.hasOwnProperty.call(queryRunner, 'query');
    const unquoted = (sql: string) => sql.replace(/["`[\]]/g, '');
    const bare = table.replace(/["`[\]]/g, '');
    queryRunner.query = ((sql: string, ...rest: unknown[]) =>
      new RegExp(`\\bFROM\\s+${bare.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(unquoted(sql))
        ? Promise.resolve([])
        : (query as (...args: unknown[]) => Promise<unknown>).call(queryRunner, sql, ...rest)) as QueryRunner['query'];
    try {
      return await load(names);
    } finally {
      if (own) queryRunner.query = query;
      else delete (queryRunner as Partial<QueryRunner>).query;
    }
  };
}
