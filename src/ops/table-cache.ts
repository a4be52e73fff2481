/**
 * TypeORM's QueryRunner keeps a cache of the tables it has loaded (`loadedTables`), and its schema
 * methods (`addColumn`, `changeColumn`, …) read the table from that cache and update it afterwards.
 * But `createTable`, `dropTable` and (on PostgreSQL) `renameTable` leave the cache alone, and our
 * own SQL (dialect overrides, `execute`) never touches it. Live, a stale entry is merely wrong;
 * offline (`--sql`) nothing is in the database to reload from, so a later `addColumn` on a table
 * created earlier in the same script would fail. These helpers keep the cache truthful.
 *
 * The cache's members are hidden in TypeORM's typings; `runnerCache` (typeorm-internals) types them.
 */
import type { QueryRunner, Table, TableColumn, View } from 'typeorm';
import { runnerCache } from '../typeorm-internals';

/** The table as the runner knows it: from its cache, else loaded from the database. */
export function cachedTable(queryRunner: QueryRunner, name: string): Promise<Table> {
  return runnerCache(queryRunner).getCachedTable(name);
}

/** The cached table, or undefined without touching the database. */
export function peekCachedTable(queryRunner: QueryRunner, name: string): Table | undefined {
  const runner = runnerCache(queryRunner);
  const path = runner.getTablePath(name);
  return runner.loadedTables.find((t) => runner.getTablePath(t) === path);
}

/**
 * Whether a table is in the cache now, by its path: for a script written without a database, the
 * tables that exist where it starts (what the revisions before it made).
 */
export function knownTables(queryRunner: QueryRunner): (name: string) => boolean {
  const runner = runnerCache(queryRunner);
  const paths = new Set(runner.loadedTables.map((t) => runner.getTablePath(t)));
  return (name) => paths.has(runner.getTablePath(name));
}

/** Every table in the cache: with no database behind the runner, every table there is. */
export function cachedTables(queryRunner: QueryRunner): readonly Table[] {
  return runnerCache(queryRunner).loadedTables;
}

/** Put a table into the cache (after creating it offline), replacing any entry with its path. */
export function rememberTable(queryRunner: QueryRunner, table: Table): void {
  const runner = runnerCache(queryRunner);
  forgetTable(queryRunner, table.name);
  const copy = table.clone();
  runner.loadedTables.push(copy);
  // Under both spellings: PostgreSQL's dropTable asks for `public.user`, other methods for `user`.
  const path = runner.getTablePath(copy);
  runner.cachedTablePaths[table.name] = path;
  runner.cachedTablePaths[path] = path;
}

/** Drop a table from the cache; the next lookup reloads it from the database. */
export function forgetTable(queryRunner: QueryRunner, name: string): void {
  const runner = runnerCache(queryRunner);
  const path = runner.getTablePath(name);
  runner.loadedTables = runner.loadedTables.filter((t) => runner.getTablePath(t) !== path);
  for (const [key, cached] of Object.entries(runner.cachedTablePaths)) {
    if (cached === path) delete runner.cachedTablePaths[key];
  }
}

/** Replace a cached table by its changed copy (after our own SQL altered it). */
export function replaceTable(queryRunner: QueryRunner, table: Table, changed: Table): void {
  runnerCache(queryRunner).replaceCachedTable(table, changed);
}

/** Forget every cached table and view: after raw SQL (`op.execute`) anything may have changed. */
export function forgetAllTables(queryRunner: QueryRunner): void {
  const runner = runnerCache(queryRunner);
  runner.loadedTables = [];
  runner.loadedViews = [];
  runner.cachedTablePaths = {};
}

/** Views have the same cache (`loadedViews`, by name) and the same gaps. */
export function rememberView(queryRunner: QueryRunner, view: View): void {
  forgetView(queryRunner, view.name);
  runnerCache(queryRunner).loadedViews.push(view);
}

export function forgetView(queryRunner: QueryRunner, name: string): void {
  const runner = runnerCache(queryRunner);
  runner.loadedViews = runner.loadedViews.filter((v) => v.name !== name);
}

/** The view from the cache or the catalog, or undefined when neither has it. */
export function findView(queryRunner: QueryRunner, name: string): Promise<View | undefined> {
  return runnerCache(queryRunner).getCachedView(name).catch(() => undefined);
}

/**
 * Put a column's new definition into the cached table. TypeORM's PostgreSQL `changeColumn`
 * updates the cache for renames and keys but not for nullability or defaults, so without this
 * a second alter of the same column in one run compares against the old definition.
 */
export function replaceCachedColumn(queryRunner: QueryRunner, tableName: string, oldName: string, column: TableColumn): void {
  const table = peekCachedTable(queryRunner, tableName);
  if (!table) return;
  const changed = table.clone();
  changed.columns = changed.columns.map((c) => (c.name === oldName || c.name === column.name ? column.clone() : c));
  replaceTable(queryRunner, table, changed);
}
