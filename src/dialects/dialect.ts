/**
 * Everything that differs between databases, owned by one folder per database
 * (`postgres/`, `sqlite/`, `mysql/`), each exporting one `Dialect`. Nothing outside `dialects/`
 * asks which database it is talking to: it asks the dialect (a capability, a hook, a statement).
 */
import type { DataSource, EntityMetadata, QueryRunner, Table } from 'typeorm';
import type { ExecutionCapabilities, ExecutionDialect, StatementSink } from '../ops/execution';
import type { LockImpact, TableSize } from '../ops/lock-impact';
import type { CheckSpec, ColumnSpec, ExclusionSpec, IndexSpec, Op, ViewSpec } from '../ops/types';
import type { MigrationLock } from './migration-lock';
import type { GivenScratch, ScratchDatabase } from './scratch-database';
import type { DetachedDriverState } from '../typeorm-internals';

export type DialectName = 'postgres' | 'sqlite' | 'mysql';

/** The connection part of DataSourceOptions that a URL determines. */
export type UrlConnectionOptions = { type: string; url: string } | { type: string; database: string };

/** What a dialect can do; code elsewhere branches on these, never on the dialect's name. */
export interface DialectCapabilities extends ExecutionCapabilities {
  /** DDL can be rolled back inside a transaction (false on MySQL/MariaDB: DDL commits). */
  readonly transactionalDdl: boolean;
  /** One query may hold several statements (PostgreSQL's simple protocol). */
  readonly multiStatementQueries: boolean;
  /** `CREATE INDEX CONCURRENTLY` exists, outside transactions only (PostgreSQL). */
  readonly concurrentIndexes: boolean;
  /** The database enforces column types and lengths, so narrowing one can reject or change values (not SQLite). */
  readonly enforcesColumnTypes: boolean;
  /**
   * A foreign key's RESTRICT and NO ACTION are one rule (MySQL/MariaDB check both at once, and
   * report RESTRICT for a key written without the clause, where TypeORM writes NO ACTION).
   */
  readonly restrictIsNoAction: boolean;
  /**
   * Identity columns (`GENERATED … AS IDENTITY`) exist beside serial ones, and a key's generation
   * can change in place (PostgreSQL): autogenerate compares it (TypeORM's builder does not).
   */
  readonly identityColumns: boolean;
}

/** How the dialect finds and names its databases. */
export interface DialectConnection {
  /** TypeORM `type` values this dialect serves (`mysql` and `mariadb`, …), on some TypeORM release. */
  readonly driverTypes: readonly string[];
  /** Why one of `driverTypes` cannot be used with the installed TypeORM (a driver it dropped), if so. */
  unsupportedDriverHint?(type: string): string | undefined;
  /** URL schemes (`postgres`, `postgresql`) it accepts in `--url` / `DATABASE_URL`, lower case. */
  readonly urlSchemes: readonly string[];
  /** TypeORM options for a URL with one of `urlSchemes` (relative file paths start at `cwd`). */
  fromUrl(url: string, scheme: string, cwd: string): UrlConnectionOptions;
  /** How its URLs look, for messages (`postgres://`, `sqlite:<file>`). */
  readonly urlExamples: readonly string[];
  /** The database is a file named by `database` (SQLite), not a server. */
  readonly fileBased: boolean;
  /** Variables the driver reads the host and database from when the options leave them out (libpq's). */
  readonly environmentVariables?: { host: string; database: string };
  /** The scheme written when a connection is described without its URL (`mariadb` → `mysql`). */
  readonly displayScheme: string;
}

/** Transactions as the runner drives them, live and offline. */
export interface DialectTransactions {
  /** Statements that open and close a transaction. */
  readonly beginStatement: string;
  readonly commitStatement: string;
  /**
   * Called before a revision's transaction begins and after it commits. SQLite turns foreign key
   * enforcement off around table rebuilds (a PRAGMA that is ignored inside a transaction).
   */
  beforeTransaction?(sink: StatementSink): Promise<void>;
  afterTransaction?(sink: StatementSink): Promise<void>;
  /** Called inside the transaction after a revision's ops, e.g. `PRAGMA foreign_key_check`. */
  beforeCommit?(sink: StatementSink): Promise<void>;
  /**
   * Where the database takes several statements in one query, a revision's bookkeeping, its
   * COMMIT and the next BEGIN travel together, and a failure does not say which statement failed.
   * Asked after such a failure: 'bookkeeping' when a statement before COMMIT failed (the
   * transaction is still open), 'commit' when COMMIT failed (the database ended the transaction),
   * undefined when the connection cannot tell (it is lost). Needed with `multiStatementQueries`.
   */
  failedInChain?(queryRunner: QueryRunner): Promise<'bookkeeping' | 'commit' | undefined>;
}

/** Where to look for tables: the schemas in play and the one unqualified names mean. */
export interface SchemaScope {
  /** PostgreSQL: the default schema plus the entities' schemas; empty elsewhere. */
  schemas: readonly string[];
  /** The schema an unqualified name lives in (PostgreSQL: see `defaultSchema`); undefined elsewhere. */
  defaultSchema?: string;
}

/**
 * A database object that `baseline` and `squash` do not recreate (a trigger, a function, a policy):
 * they name it rather than write a revision whose fresh database silently lacks it.
 */
export interface UnadoptedObject {
  /** What it is: `trigger`, `function`, `policy`, `row-level security`. */
  kind: string;
  /** Its name (schema-qualified where the dialect has schemas); absent where the table names it. */
  name?: string;
  /** The table it belongs to, schema-qualified like `tableNames`: it is left out with its table. */
  table?: string;
}

/** A partial index's predicate and the columns it is on. */
export interface IndexPredicate {
  columnNames: string[];
  where: string;
}

/** A column's default as the entities want it, to compare with the live column's. */
export interface WantedDefault {
  /** The table as TypeORM names it (bare in the default schema). */
  table: string;
  column: string;
  /** The default as SQL text, as TypeORM writes it. */
  wanted: string;
}

/** The uuid-function defaults of uuid columns (see autogenerate/passes/uuid-defaults.ts). */
export interface UuidFunctionDefaults {
  /** `table.column` (table as TypeORM names it: bare in the default schema) → the column's default. */
  live: ReadonlyMap<string, string>;
  /** What TypeORM writes for a generated uuid column. */
  generator: string;
}

/** An index a revision is about to create (a unique constraint counts as a unique index). */
export interface PlannedIndex {
  table: string;
  index: IndexSpec;
  /** Its columns as declared, in index order (a column nothing declares is left out). */
  columns: readonly ColumnSpec[];
}

/** Why the database would refuse to build a planned index: the column at fault and what to write instead. */
export interface IndexRefusal {
  column: string;
  reason: string;
}

/** A statement that builds something on a table that TypeORM's `Table` cannot hold, as the database prints it. */
export interface RawTableStatement {
  /** The table as TypeORM names it (bare in the default schema). */
  table: string;
  /** The index's or constraint's name. */
  name: string;
  sql: string;
}

/**
 * Something a schema needs before its first table that no createTable makes (PostgreSQL: an
 * extension, a type), as the statement that creates it and the one that drops it again.
 */
export interface PreludeStatement {
  create: string;
  /** Its undoing, last in the downgrade; absent: left in place (a tenant's baseline leaves the database's extensions). */
  drop?: string;
  /** The schema it is created in, when a fresh database may not have it yet. */
  schema?: string;
}

/** Anything that runs a query: a DataSource or a QueryRunner. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** The database side of autogenerate: reading the schema, and where TypeORM's reading is wrong. */
export interface DialectIntrospection {
  /**
   * The schema unqualified names live in, as TypeORM sees it (PostgreSQL: the data source's `schema`
   * option, else `current_schema()`); undefined without schemas.
   */
  defaultSchema(dataSource: DataSource): Promise<string | undefined>;
  /** Schemas that exist (to know which `CREATE SCHEMA` a revision needs); empty without schemas. */
  existingSchemas(db: Queryable): Promise<ReadonlySet<string>>;
  /**
   * The base tables in `scope` (without one: every table of the user's, in any schema), named as
   * TypeORM names them (bare in the default schema). Readers use it instead of `getTables()`
   * without names, which on MySQL reads every database on the server and on PostgreSQL the catalog.
   */
  tableNames(db: DataSource | QueryRunner, scope?: SchemaScope): Promise<string[]>;
  /**
   * Why autogenerate cannot handle an entity's table on this database, if it cannot (SQLite: a
   * table in an attached database). Such an entity is refused up front, by name, rather than diffed
   * into ops that fail or never settle.
   */
  unsupportedEntity?(entity: EntityMetadata): string | undefined;
  /**
   * Correct, in place, what TypeORM's introspection read into tables (spellings or orders the
   * entities would never produce). Autogenerate applies it to every table it reads.
   */
  fixLoadedTables?(queryRunner: QueryRunner, tables: Table[]): Promise<void>;
  /**
   * Whether two partial-index predicates on `table` are the same once the database stored them.
   * Absent: compared as text, whitespace runs folded.
   */
  samePredicate?(queryRunner: QueryRunner, table: string, a: IndexPredicate, b: IndexPredicate): Promise<boolean>;
  /**
   * Whether two exclusion constraints on `table` are the same once the database stored them
   * (expression and DEFERRABLE clause). Absent: compared as text, whitespace runs folded.
   */
  sameExclusion?(queryRunner: QueryRunner, table: string, a: ExclusionSpec, b: ExclusionSpec): Promise<boolean>;
  /**
   * For each wanted default, whether the live column (of the same type) already has it once the
   * database stored both: PostgreSQL keeps a default as a parsed expression and prints it its own
   * way (`'1'` on a boolean is `true`). Absent: the text comparison of autogenerate/normalize.ts
   * is all there is (SQLite keeps the text as written).
   */
  sameStoredDefaults?(queryRunner: QueryRunner, defaults: readonly WantedDefault[]): Promise<boolean[]>;
  /**
   * Whether two check expressions on `table` are the same once the database stored them (one may
   * be an entity's, the other read from the catalog). Absent: compared as text, whitespace runs folded.
   */
  sameCheck?(queryRunner: QueryRunner, table: string, a: string, b: string): Promise<boolean>;
  /**
   * Whether two expressions of `column`, a generated column of `table`, are the same once the
   * database stored them (one may be an entity's, the other read from the catalog: PostgreSQL keeps
   * `lower(name)` on a varchar as `lower((name)::text)`). Absent: compared as text, whitespace runs folded.
   */
  sameGeneratedExpression?(queryRunner: QueryRunner, table: string, column: string, a: string, b: string): Promise<boolean>;
  /**
   * Rewrite, in place, the check expressions and index predicates of tables read from the catalog
   * into the form the database settles on once they are written back as read (PostgreSQL words
   * them anew on each of the first two writes). verify compares schemas through it: a downgrade
   * re-creates a dropped check from the text that was read. Absent: the text is already settled.
   */
  settleExpressions?(queryRunner: QueryRunner, tables: Table[]): Promise<void>;
  /**
   * For each planned index, why the database would refuse to build it (PostgreSQL: no default
   * operator class for a column's type under the index's method, as for a B-tree on a `point`),
   * or undefined. Autogenerate refuses such a revision before writing it. Absent: none is refused.
   */
  unbuildableIndexes?(db: Queryable, planned: readonly PlannedIndex[]): Promise<(IndexRefusal | undefined)[]>;
  /**
   * Every view in `scope` as the catalog has it (without a scope: every view of the user's), not
   * only those TypeORM recorded in its metadata table (its `getViews()`): `baseline` adopts views made
   * by hand. Ordered so that a view comes after the views it reads. Absent: TypeORM's `getViews()`.
   */
  catalogViews?(queryRunner: QueryRunner, scope?: SchemaScope): Promise<ViewSpec[]>;
  /**
   * Fill in, in place, the expression of generated columns TypeORM read without one (it takes the
   * expression from its metadata table only, so a column generated by hand reads as a plain one):
   * `baseline` must recreate them as generated. Absent: nothing to fill.
   */
  completeGeneratedColumns?(queryRunner: QueryRunner, tables: Table[]): Promise<void>;
  /**
   * Fill in, in place, what of a column's type the database keeps but TypeORM does not read
   * (MySQL integer display widths on TypeORM 1.x), or that `fixLoadedTables` put in an entity's
   * words (SQLite's declared `int`, a rowid key written without NOT NULL): `baseline` recreates the
   * type as it is. Autogenerate does not apply it, since entities cannot ask for it. Absent: nothing to fill.
   */
  completeColumnTypes?(queryRunner: QueryRunner, tables: Table[]): Promise<void>;
  /**
   * The indices of `tables` that TypeORM's `TableIndex` cannot describe (expressions, descending
   * or prefix parts, operator classes, INCLUDE), each as the CREATE INDEX statement the database
   * prints for it; they are removed from `tables` in place, so that no createTable makes a wrong
   * one. `baseline` runs each statement after its table's createTable. Absent: TypeORM's reading
   * is all there is.
   */
  rawIndexes?(queryRunner: QueryRunner, tables: Table[]): Promise<RawTableStatement[]>;
  /**
   * The check constraints of `tables` as statements that add them, where TypeORM neither reads
   * nor creates checks (MySQL/MariaDB). Run after the table's createTable and raw indices.
   */
  rawChecks?(queryRunner: QueryRunner, tables: Table[]): Promise<RawTableStatement[]>;
  /**
   * The table-level check constraints of `tables` (by table name as loaded), where TypeORM's schema
   * builder neither reads nor compares checks (MySQL/MariaDB): autogenerate compares the entities'
   * `@Check`s with these itself. Absent: TypeORM's builder handles checks.
   */
  unmanagedChecks?(queryRunner: QueryRunner, tables: readonly Table[]): Promise<Map<string, CheckSpec[]>>;
  /**
   * What `tables` (as loaded, and with the schema in `scope`) need before any of them is created
   * and their createTable does not make, in the order to create them (PostgreSQL: extensions,
   * enum types in another schema than their tables or used by none). `baseline` runs them first
   * and drops them last. Absent: createTable makes everything.
   */
  schemaPrelude?(queryRunner: QueryRunner, scope: SchemaScope | undefined, tables: readonly Table[]): Promise<PreludeStatement[]>;
  /**
   * The objects in `scope` (without one: every schema of the user's) that no op recreates, so
   * `baseline` and `squash` can name them (triggers, routines, policies...). Extensions' own
   * objects are the extension's and not listed. Absent: there are none the dialect knows of.
   */
  objectsNotAdopted?(queryRunner: QueryRunner, scope?: SchemaScope): Promise<UnadoptedObject[]>;
  /** The `USING` expression an in-place type change needs (PostgreSQL: scalar ↔ array), if any. */
  alterUsing?(before: ColumnSpec, after: ColumnSpec): string | undefined;
  /** Which uuid function each uuid column defaults to, where TypeORM forgets it (PostgreSQL). */
  uuidFunctionDefaults?(dataSource: DataSource, scope: SchemaScope): Promise<UuidFunctionDefaults>;
}

/** One database: its SQL, its op implementations, its lock, its autogenerate side. */
/**
 * The version table's check as a statement (see VersionStore.move): where the dialect has one, a
 * revision's move is checked inside its closing query instead of by reading the table back.
 */
export interface VersionGuard {
  /** A statement that fails unless the table holds exactly `expected` (no rows for none). */
  statement(quotedTable: string, expected: readonly string[]): string;
  /** The heads the table held, when `error` is that statement's failure; undefined for any other error. */
  found(error: unknown): string[] | undefined;
}

/**
 * `ddlLockTimeout`: a revision's DDL gives up waiting for a lock after a while, instead of queueing
 * in front of every later query of the app on that table, and the runner retries it later.
 */
export interface DdlLockTimeout {
  /** Statements for the start of each revision's transaction (PostgreSQL: `SET LOCAL lock_timeout`, gone at its end). */
  inTransaction?(ms: number): string[];
  /**
   * Set the timeout on the run's connection for the whole run (MySQL/MariaDB's session
   * `lock_wait_timeout`, whole seconds); returns what puts the connection's value back.
   */
  forSession?(db: Queryable, ms: number): Promise<() => Promise<void>>;
  /** Whether `error` is that timeout expiring. */
  isLockTimeout(error: unknown): boolean;
  /**
   * The other sessions that may hold the locks waited for, in words (`pid 4242, idle in transaction
   * for 12 s: SELECT * FROM orders …`): those holding locks on `tables`, or with `tables` empty
   * (raw SQL) every session in a transaction.
   */
  blockers(db: Queryable, tables: readonly string[], defaultSchema?: string): Promise<string[]>;
}

/** What ops lock on this database, for the lock report (ops/lock-impact.ts). */
export interface DialectLocking {
  /** The locks `op` takes on tables that exist before it runs, and the work it does under them. */
  impacts(op: Op): LockImpact[];
  /**
   * The estimated size of each of `tables` that exists (names as ops give them, unqualified ones
   * in `defaultSchema`); others are absent.
   */
  tableSizes(db: Queryable, tables: readonly string[], defaultSchema?: string): Promise<Map<string, TableSize>>;
}

/**
 * Writing a script with no database to read (`upgrade A:B --sql`): what TypeORM would have learnt
 * by connecting, and how the script lets the database fill in what only it knows when it runs.
 */
export interface DialectOfflineScript {
  /** What connecting would have told TypeORM's driver; a current server is assumed (README, Offline scripts). */
  driverState(dataSource: DataSource): DetachedDriverState;
  /**
   * Answer, on a runner with no connection, what this database's runner asks its catalog beyond
   * what every runner asks (PostgreSQL: which enum type a column has), from what the script knows.
   */
  detach?(queryRunner: QueryRunner): void;
  /**
   * An SQL expression for the current UTC time as ISO-8601 text with milliseconds (the form the
   * history table's `applied_at` holds): a script's history row takes the database's clock when it
   * runs, not the time the script was written.
   */
  readonly nowText: string;
}

export interface Dialect extends ExecutionDialect, DialectTransactions {
  readonly name: DialectName;
  readonly capabilities: DialectCapabilities;
  readonly connection: DialectConnection;
  readonly introspection: DialectIntrospection;
  /** The lock held for a whole upgrade/downgrade/stamp run. */
  readonly lock: MigrationLock;
  readonly locking: DialectLocking;
  readonly offlineScript: DialectOfflineScript;
  /** Absent: the database has no lock timeout to set (SQLite waits on its busy handler). */
  readonly ddlLockTimeout?: DdlLockTimeout;
  /** Absent: a revision reads the version table back to check its move (one more round trip). */
  readonly versionGuard?: VersionGuard;
  /**
   * Whether a failed query was refused because what it creates (a table, an index, a constraint,
   * a schema, a type) already exists, told by the driver's error code. A first revision failing
   * so on a database without a version table means tables were made without us (TypeORM's
   * synchronize, by hand), and the runner says how to adopt them.
   */
  isAlreadyExists(error: unknown): boolean;
  /** A throwaway database beside the data source's own, for `verify`. */
  createScratchDatabase(dataSource: DataSource): Promise<ScratchDatabase>;
  /** A database given to `verify --scratch-url` instead: what it holds, and how to empty it again. */
  readonly givenScratch: GivenScratch;
  /**
   * Statements that move the sequences behind generated key `columns` of `table` past the rows
   * inserted with explicit keys (`squash` carries seed rows with their ids). Absent: the database
   * does it itself (MySQL AUTO_INCREMENT, SQLite rowids).
   */
  advanceKeySequences?(table: string, columns: readonly string[]): string[];
  /**
   * Offline (`--sql`) the database does not change, so checks TypeORM makes against it (does this
   * enum type exist yet?) miss what the script itself created. Called once per offline script;
   * `observe` sees every statement the script records.
   */
  trackOfflineScript?(queryRunner: QueryRunner): { observe(statement: string): void };
  /** Online mode for autogenerate; absent: `online` changes nothing on this database. */
  readonly online?: DialectOnline;
}

/**
 * Online mode (`online` config, `revision --autogenerate --online`): autogenerate writes ops on
 * tables that already exist in the form that takes only short locks, which the dialect's
 * `onlineOps` (or its own flags, such as an index's `isConcurrent`) then carry out.
 */
export interface DialectOnline {
  /** The op as its online form, or undefined when the database has none for it (it stays as it is). */
  mark(op: Op): Op | undefined;
}
