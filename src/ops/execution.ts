/**
 * The execution contract: what an op implementation is handed (`ExecutionContext`), where its
 * statements go (`StatementSink`), and what it may ask of the database's dialect
 * (`ExecutionDialect`). It lives with the ops so that imports run one way: a dialect (in
 * `dialects/`) implements this contract; nothing here knows which databases exist.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import type { Op, OpKind, OpOf } from './types';

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

/** How a database spells identifiers and values. */
export interface SqlSpelling {
  /** Quote one identifier (`user` → `"user"` / `` `user` ``). */
  quoteIdentifier(name: string): string;
  /** Quote a possibly schema-qualified table name. */
  quoteTableName(name: string): string;
  /** How the driver's placeholders look: `$1, $2` (numbered) or `?, ?` (positional). */
  readonly placeholders: 'numbered' | 'positional';
  /** Render a value as an SQL literal, for offline scripts and bookkeeping rows. */
  literal(value: unknown): string;
  /**
   * Turn a value from a revision file (`op.bulkInsert` rows) into one the driver can bind, e.g.
   * a Date or an object on SQLite. Absent: values are bound as they are.
   */
  bindValue?(value: unknown): unknown;
}

/** What the database can hold, as far as executing ops must know. */
export interface ExecutionCapabilities {
  /** Exclusion constraints (`EXCLUDE USING …`) exist (PostgreSQL). */
  readonly exclusionConstraints: boolean;
  /** Tables live in schemas that `CREATE SCHEMA` makes (PostgreSQL). */
  readonly schemas: boolean;
}

/** What executing ops needs from the database's dialect. */
export interface ExecutionDialect extends SqlSpelling {
  readonly capabilities: ExecutionCapabilities;
  /** Op kinds this dialect implements itself instead of the shared implementation. */
  readonly opOverrides: Partial<OpImplementations>;
  /**
   * Wraps each op's execution, and is called once more after a revision's last op (`afterOps`):
   * SQLite uses the pair to rebuild each table at most once per revision.
   */
  aroundOp?(op: Op, ctx: ExecutionContext, run: () => Promise<void>): Promise<void>;
  afterOps?(ctx: ExecutionContext): Promise<void>;
  /**
   * Ops the database refuses inside a transaction (PostgreSQL: `CREATE INDEX CONCURRENTLY`).
   * The runner commits before such an op and begins again after it.
   */
  runsOutsideTransaction?(op: Op): boolean;
  /**
   * How this database does an op marked `{ online: true }` (see `OnlineOption`), in steps that
   * take only short locks; each step checks what an interrupted run left. Kinds left out (or a
   * dialect without it) run as usual: `online` is then a no-op.
   */
  readonly onlineOps?: Partial<OpImplementations>;
}

/**
 * The revision's transaction, as an online op steers it between its steps. Each call commits what
 * the revision did so far first, so the locks taken until then are let go.
 */
export interface TransactionSteps {
  /** Run `fn` with no transaction open (`CREATE INDEX CONCURRENTLY`), then begin again. */
  outside(fn: () => Promise<unknown>): Promise<void>;
  /** Run `fn` in a transaction of its own (with the lock timeout), commit it, then begin again. */
  own(fn: () => Promise<unknown>): Promise<void>;
}

/** What an op implementation gets to work with. */
export interface ExecutionContext {
  readonly queryRunner: QueryRunner;
  readonly dataSource: DataSource;
  readonly dialect: ExecutionDialect;
  readonly sink: StatementSink;
  /**
   * Set by the runner for a revision's ops: the dialect may defer work until `afterOps` (SQLite
   * rebuilds each table once). Unset, every op takes effect before executeOp returns.
   */
  readonly batch?: boolean;
  /**
   * Set by the runner: how online ops commit between their steps. Unset (ops run one by one
   * through the API, outside a revision), each step simply runs where the op runs.
   */
  readonly transactions?: TransactionSteps;
  /**
   * Config `online` at run time: MySQL/MariaDB ask every ALTER of an existing table for an online
   * algorithm, not only those of ops marked `{ online: true }`.
   */
  readonly online?: boolean;
  /** Where the dialect tells the user something about an op as it runs (a fallback it took). */
  readonly onWarning?: (message: string) => void;
}

/** The context's transaction steps, or steps that run in place where the caller gave none. */
export function transactionSteps(ctx: ExecutionContext): TransactionSteps {
  return ctx.transactions ?? { outside: async (fn) => void (await fn()), own: async (fn) => void (await fn()) };
}

export type OpImplementation<K extends OpKind> = (op: OpOf<K>, ctx: ExecutionContext) => Promise<void>;
export type OpImplementations = { [K in OpKind]: OpImplementation<K> };

/** Makes `Op` exhaustiveness errors point at the missing kind. */
export function assertNever(value: never, what: string): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
