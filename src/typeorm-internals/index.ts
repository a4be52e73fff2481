/**
 * Everything entity-migrate takes from TypeORM beyond its public typings, in one folder: members
 * its typings hide (protected, private, or only on one driver's class), methods replaced on an
 * instance, and the differences between the 0.3.x and 1.x lines. Nothing else in `src/` casts a
 * TypeORM object to reach a member. This folder imports only `typeorm` and Node, so any layer may
 * import it.
 *
 * Checking a new TypeORM release means reading these files against its sources:
 * - version.ts: which TypeORM is installed; the `sqlite` driver type (0.3.x only).
 * - query-runner.ts: every runner's table/view cache (`runnerCache`), transaction flags
 *   (`markTransactionActive`) and table loading (`correctLoadedTables`, `tolerateMissingMetadataTable`).
 * - schema-builder.ts: the schema builder's diff and its protected steps (`schemaBuilder`).
 * - data-source.ts: a DataSource from assembled options (`newDataSource`), options pointed at
 *   another database (`withDatabase`), and telling a failed connect from a failure after it
 *   (`watchDriverConnect`).
 * - table-column.ts: TableColumn members of 0.3.x only (`anyTableColumn`).
 * - migration-order.ts: TypeORM's order and names of migration classes (`typeormMigrationOrder`,
 *   MigrationExecutor's protected getMigrations).
 * - postgres.ts, sqlite.ts, mysql.ts: per-driver protected helpers (`postgresRunner`,
 *   `postgresDriver`, `sqliteRunner`, `withRecreateTable`, `typeormRecreateTable`, `mysqlRunner`,
 *   `mysqlDriver`).
 * - intercept-queries.ts: a runner's `query` replaced for the duration of one op
 *   (`withQueriesIntercepted`; MySQL online mode retries each ALTER with an algorithm clause).
 * - table-path-memo.ts: the builder's and a runner's protected `getTablePath` memoized on the
 *   instance (`memoizeTablePaths`; TypeORM rebuilds every path in each scan of all tables), and
 *   resuming-table-find.ts: the runner's table cache scanned from the previous match (`resumeTableFinds`).
 * - indexed-metadata-args.ts: MetadataArgsStorage's per-class filters (public and protected)
 *   replaced on the global storage while a data source initializes (`withIndexedMetadataArgs`).
 * - indexed-find-metadata.ts: DataSource's protected `findMetadata` by table name, indexed on the
 *   instance (`indexMetadataLookups`; TypeORM's runner asks once per column it loads).
 * Each accessor checks once per object that the methods it names exist, and otherwise throws one
 * line naming the TypeORM version and the member (checked-view.ts).
 *
 * TypeORM's behaviour, as opposed to its members, is corrected where the behaviour is used; the
 * corrections that depend on the release are:
 * - dialects/postgres/enum-label-order.ts: 0.3.x reads enum labels in creation order.
 * - dialects/postgres/index.ts `setTableComment`: 0.3.x leaves the cached comment stale.
 * - autogenerate/record-schema-builder.ts: 0.3.20–0.3.28 never drop removed columns of an entity
 *   with a `@VirtualColumn`.
 * - ops/to-typeorm.ts `toTableExclusion` and dialects/postgres/exclusion-deferrable.ts: 0.3.x's
 *   TableExclusion has no `deferrable`, so the DEFERRABLE clause travels in the expression.
 * The suites run on both lines (README, Development); a release that changes any of this fails them.
 */
export { typeormVersion, isInstalled, hasSqlite3Driver, type TypeOrmVersion } from './version';
export { runnerCache, markTransactionActive, correctLoadedTables, tolerateMissingMetadataTable, type RunnerCache, type LoadedTablesFix } from './query-runner';
export { schemaBuilder, type SchemaBuilderInternals } from './schema-builder';
export { newDataSource, withDatabase, watchDriverConnect, type ConnectWatch } from './data-source';
export { anyTableColumn, type AnyTableColumn, type TypeOrm03ColumnFields } from './table-column';
export { postgresRunner, postgresDriver, type PostgresRunnerInternals, type PostgresDriverInternals } from './postgres';
export { sqliteRunner, withRecreateTable, typeormRecreateTable, type SqliteRunnerInternals } from './sqlite';
export { typeormMigrationOrder, type OrderedTypeormMigration } from './migration-order';
export { mysqlRunner, mysqlDriver, type MysqlRunnerInternals, type MysqlDriverInternals } from './mysql';
export { detachedQueryRunner, isDetached, DetachedQueryError, type DetachedDriverState } from './detached-runner';
export { withQueriesIntercepted, type SendQuery } from './intercept-queries';
export { memoizeTablePaths } from './table-path-memo';
export { resumeTableFinds } from './resuming-table-find';
export { withIndexedMetadataArgs } from './indexed-metadata-args';
export { indexMetadataLookups } from './indexed-find-metadata';
