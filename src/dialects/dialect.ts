import type { DataSource, QueryRunner, Table } from 'typeorm';
import type { Op, OpKind, OpOf } from '../ops/types';

export type DialectName = 'postgres' | 'sqlite' | 'mysql';

/**
 * Where statements go. Live: executed on the query runner. Offline (`--sql`): appended to the
 * script that is printed, and nothing touches the schema (the connection may still be read).
 */
export interface StatementSink {
  readonly offline: boolean;
  /** Run one statement (live) or record it (offline). Offline, params are inlined as literals. */
  query(sql: string, params?: unknown[]): Promise<unknown[]>;
  /**
   * Run a TypeORM QueryRunner schema method (createTable, addColumn, …). Offline it runs in
   * TypeORM's SQL-in-memory mode and the SQL it would have run is recorded instead.
   */
  viaQueryRunner(fn: (queryRunner: QueryRunner) => Promise<unknown>): Promise<void>;
  /** Run statements in order; in one round trip where the driver allows several per query. */
  queryMany(statements: readonly string[]): Promise<void>;
  /** Offline only: a comment line in the printed script (each revision's header). */
  comment?(text: string): void;
}

/** What an op implementation gets to work with. */
export interface ExecutionContext {
  readonly queryRunner: QueryRunner;
  readonly dataSource: DataSource;
  readonly dialect: Dialect;
  readonly sink: StatementSink;
  /**
   * Set by the runner for a revision's ops: the dialect may defer work until `afterOps` (SQLite
   * rebuilds each table once). Unset, every op takes effect before executeOp returns.
   */
  readonly batch?: boolean;
}

export type OpImplementation<K extends OpKind> = (op: OpOf<K>, ctx: ExecutionContext) => Promise<void>;
export type OpImplementations = { [K in OpKind]: OpImplementation<K> };

/**
 * Everything that differs between databases, in one place per database
 * (`postgres.ts`, `sqlite.ts`, `mysql.ts`). Nothing outside `dialects/` asks which database it is.
 */
export interface Dialect {
  readonly name: DialectName;
  /** Quote one identifier (`user` → `"user"` / `` `user` ``). */
  quoteIdentifier(name: string): string;
  /** Quote a possibly schema-qualified table name. */
  quoteTableName(name: string): string;
  /** Render a value as an SQL literal, for offline scripts. */
  literal(value: unknown): string;
  /**
   * Turn a value from a revision file (`op.bulkInsert` rows) into one the driver can bind, e.g.
   * a Date or an object on SQLite. Absent: values are bound as they are.
   */
  bindValue?(value: unknown): unknown;
  /** Whether one query may hold several statements (PostgreSQL's simple protocol). */
  readonly multiStatementQueries?: boolean;
  /** Whether DDL can be rolled back inside a transaction (false on MySQL/MariaDB). */
  readonly transactionalDdl: boolean;
  /** Op kinds this dialect implements itself instead of the shared implementation. */
  readonly opOverrides: Partial<OpImplementations>;
  /**
   * Called before a revision's transaction begins and after it commits. SQLite turns foreign key
   * enforcement off around table rebuilds (a PRAGMA that is ignored inside a transaction).
   */
  beforeTransaction?(sink: StatementSink): Promise<void>;
  afterTransaction?(sink: StatementSink): Promise<void>;
  /**
   * Wraps each op's execution, and is called once more after a revision's last op (`afterOps`):
   * SQLite uses the pair to rebuild each table at most once per revision.
   */
  aroundOp?(op: Op, ctx: ExecutionContext, run: () => Promise<void>): Promise<void>;
  afterOps?(ctx: ExecutionContext): Promise<void>;
  /** Called inside the transaction after a revision's ops, e.g. `PRAGMA foreign_key_check`. */
  beforeCommit?(sink: StatementSink): Promise<void>;
  /**
   * Ops the database refuses inside a transaction (PostgreSQL: `CREATE INDEX CONCURRENTLY`).
   * The runner commits before such an op and begins again after it.
   */
  runsOutsideTransaction?(op: Op): boolean;
  /**
   * Offline (`--sql`) the database does not change, so checks TypeORM makes against it (does this
   * enum type exist yet?) miss what the script itself created. Called once per offline script;
   * `observe` sees every statement the script records.
   */
  trackOfflineScript?(queryRunner: QueryRunner): { observe(statement: string): void };
  /**
   * The base tables of the connection's own database, for readers that would otherwise call
   * `getTables()` without names, which on MySQL/MariaDB reads every database on the server.
   * Absent: `getTables()` already stays within the connection's database (or schemas).
   */
  ownTableNames?(queryRunner: QueryRunner): Promise<string[]>;
  /**
   * Correct, in place, what TypeORM's introspection read into tables (spellings the entities would
   * never produce). Autogenerate applies it before comparing; MySQL's ops apply it to every table
   * their runner loads too, since TypeORM rebuilds column definitions from them.
   */
  fixLoadedTables?(queryRunner: QueryRunner, tables: Table[]): Promise<void>;
  /** Statements that open and close a transaction in an offline script. */
  readonly beginStatement: string;
  readonly commitStatement: string;
}

/** Makes `Op` exhaustiveness errors point at the missing kind. */
export function assertNever(value: never, what: string): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
