/**
 * Runs TypeORM's own schema diff (`RdbmsSchemaBuilder.log()`) and records it as structured calls.
 *
 * `log()` asks `dataSource.createQueryRunner()` for a runner, loads the tables of every entity,
 * switches the runner to SQL-in-memory mode and then calls high-level runner methods
 * (`createTable`, `changeColumns`, …) with full `Table`/`TableColumn`/… objects. We hand it a
 * Proxy over a real runner: each top-level call is recorded (with its arguments cloned *before*
 * the call, because the runner mutates its cached tables) and then forwarded to the real runner,
 * so the runner's cache still updates and later calls build on earlier ones. Calls that the
 * runner makes on itself (`changeColumns` → `changeColumn` → `dropColumn`) go to the target, not
 * the Proxy, so only the builder's own decisions are recorded.
 */
import type { DataSource, QueryRunner, Table } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { memoizeTablePaths, resumeTableFinds, schemaBuilder, tolerateMissingMetadataTable, type SchemaBuilderInternals } from '../typeorm-internals';

/** One schema-changing call the schema builder made on its QueryRunner. */
export interface RecordedCall {
  /** QueryRunner method name (`createTable`, `changeColumns`, …). */
  method: string;
  /** The arguments, deep-cloned at call time (TypeORM `Table`, `TableColumn`, … instances). */
  args: readonly unknown[];
  /** The SQL TypeORM would have run for this call (SQL-in-memory). Empty means a no-op call. */
  upSql: string[];
}

/**
 * Runner methods the builder uses to read state or manage the runner. Everything else is a
 * schema decision and gets recorded, so a method TypeORM adds later shows up (and is rejected
 * by calls-to-ops) instead of being lost silently.
 */
const NOT_RECORDED = new Set<string>([
  'getTables',
  'getTable',
  'getViews',
  'getView',
  'hasTable',
  'hasColumn',
  'hasSchema',
  'hasDatabase',
  'hasEnumType',
  'getCurrentSchema',
  'getCurrentDatabase',
  'getDatabases',
  'getSchemas',
  'query',
  'stream',
  'connect',
  'release',
  'enableSqlMemory',
  'disableSqlMemory',
  'clearSqlMemory',
  'getMemorySql',
  'executeMemoryUpSql',
  'executeMemoryDownSql',
  'beforeMigration',
  'afterMigration',
  'startTransaction',
  'commitTransaction',
  'rollbackTransaction',
  'getReplicationMode',
]);

/** Options for {@link recordSchemaBuilder}. */
export interface RecordOptions {
  /** Called with the tables the builder loads (`getTables`), to correct what TypeORM read. */
  fixTables?: (queryRunner: QueryRunner, tables: Table[]) => Promise<void>;
  /**
   * Called once the builder's `getTables(names)` has returned (after `fixTables`), before the
   * builder changes its copies: what the live database held, for the passes to reuse.
   */
  tablesLoaded?: (names: readonly string[], tables: readonly Table[]) => void;
  /** The database has no schemas (SQLite, MySQL): entities' `schema` is hidden while the builder runs. */
  withoutSchemas?: boolean;
}

interface Cloneable {
  clone(): unknown;
}

function isCloneable(value: unknown): value is Cloneable {
  return typeof value === 'object' && value !== null && typeof (value as Cloneable).clone === 'function';
}

/** Deep-clones TypeORM schema objects (via their `clone()`), arrays and plain pair objects. */
export function cloneArg(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneArg);
  if (isCloneable(value)) return value.clone();
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneArg(v)]));
  }
  return value;
}

function memorySqlCount(runner: QueryRunner): number {
  return runner.getMemorySql().upQueries.length;
}

function recordingRunner(target: QueryRunner, calls: RecordedCall[], options: RecordOptions): QueryRunner {
  tolerateMissingMetadataTable(target);
  // Its table cache is looked up by path once per call the builder makes (getCachedTable).
  memoizeTablePaths(target);
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (prop === 'getTables') {
        const { fixTables, tablesLoaded } = options;
        return async (...args: unknown[]) => {
          const tables = (await (value as (...a: unknown[]) => Promise<Table[]>).apply(obj, args)) ?? [];
          await fixTables?.(obj, tables);
          const names = args[0];
          tablesLoaded?.(Array.isArray(names) ? (names as string[]) : [], tables);
          // The builder keeps this array (the runner's cache) and scans it once per entity per step.
          return resumeTableFinds(tables);
        };
      }
      if (typeof prop !== 'string' || typeof value !== 'function' || NOT_RECORDED.has(prop)) {
        // Bind to the target so internal calls bypass the Proxy.
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(obj) : value;
      }
      const fn = value as (...a: unknown[]) => unknown;
      return async (...args: unknown[]) => {
        const call: RecordedCall = { method: prop, args: args.map(cloneArg), upSql: [] };
        const before = memorySqlCount(obj);
        const result = await fn.apply(obj, args);
        call.upSql = obj.getMemorySql().upQueries.slice(before).map((q) => q.query);
        calls.push(call);
        return result;
      };
    },
  });
}

/**
 * TypeORM 0.3.20–0.3.28's `dropRemovedColumns` kept every database column of a table whose entity
 * has a `@VirtualColumn` (it matched "a virtual column, or one of that name"), so removed columns
 * of such entities were never dropped. While it runs, the entities' virtual columns are hidden:
 * the step then sees only real columns, as TypeORM 1.x and 0.3.31 do (for them this changes nothing).
 */
function withoutVirtualColumnsWhileDropping(dataSource: DataSource, builder: SchemaBuilderInternals): void {
  const dropRemoved = builder.dropRemovedColumns;
  if (typeof dropRemoved !== 'function') return;
  builder.dropRemovedColumns = async function (this: unknown) {
    const hidden = new Map<EntityMetadata, ColumnMetadata[]>();
    for (const metadata of dataSource.entityMetadatas) {
      if (!metadata.columns.some((c) => c.isVirtualProperty)) continue;
      hidden.set(metadata, metadata.columns);
      metadata.columns = metadata.columns.filter((c) => !c.isVirtualProperty);
    }
    try {
      return await dropRemoved.call(this);
    } finally {
      for (const [metadata, columns] of hidden) metadata.columns = columns;
    }
  };
}

/**
 * Where the database has no schemas, TypeORM's drivers leave an entity's `schema` out of its table
 * name, but `Table.create` still copies it onto the table. The SQLite runner then files the new
 * table under `"<schema>"."<table>"` in its cache, so the builder's later steps, which look tables
 * up by the entity's (bare) name, never find it: the table's foreign keys are never created, and
 * every `check` asks for them again. With the schema hidden while the builder runs, the entity is
 * diffed as the table it names.
 */
async function withoutEntitySchemas<T>(dataSource: DataSource, run: () => Promise<T>): Promise<T> {
  const hidden = new Map<EntityMetadata, string>();
  for (const metadata of dataSource.entityMetadatas) {
    if (metadata.schema === undefined) continue;
    hidden.set(metadata, metadata.schema);
    metadata.schema = undefined;
  }
  try {
    return await run();
  } finally {
    for (const [metadata, schema] of hidden) metadata.schema = schema;
  }
}

/**
 * Runs the schema builder's `log()` against the live database and returns what it would do, as
 * recorded runner calls, in the builder's order. Changes nothing in the database.
 */
export async function recordSchemaBuilder(dataSource: DataSource, options: RecordOptions = {}): Promise<RecordedCall[]> {
  const calls: RecordedCall[] = [];
  const original = dataSource.createQueryRunner;
  const patched: DataSource['createQueryRunner'] = (mode) => recordingRunner(original.call(dataSource, mode), calls, options);
  // An own property shadows the prototype method; deleting it restores the original exactly.
  const hadOwn = Object.prototype.hasOwnProperty.call(dataSource, 'createQueryRunner');
  dataSource.createQueryRunner = patched;
  try {
    const builder = schemaBuilder(dataSource);
    // TypeORM's own column-rename guess renames without asking; our renames pass decides renames
    // from hints or a prompt instead, so the guess is switched off.
    if (typeof builder.renameColumns === 'function') {
      builder.renameColumns = async () => {};
    }
    withoutVirtualColumnsWhileDropping(dataSource, builder);
    if (options.withoutSchemas) await withoutEntitySchemas(dataSource, () => builder.log());
    else await builder.log();
  } finally {
    if (hadOwn) dataSource.createQueryRunner = original;
    else delete (dataSource as { createQueryRunner?: unknown }).createQueryRunner;
  }
  return calls;
}
