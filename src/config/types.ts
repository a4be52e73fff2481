import type { DataSource, DataSourceOptions } from 'typeorm';
import type { Target, TargetsInput } from './targets';

/**
 * What runs on a freshly written revision file. `'prettier'`: the project's prettier, skipped when
 * it is not installed. Any other string is a shell command run in the config's folder with the
 * project's `node_modules/.bin` on the PATH; `{file}` stands for the file's path (appended when
 * absent). A function (TS/JS config or code) gets the absolute path and may return a Promise.
 */
export type PostWriteHook = string | ((file: string) => unknown);

/** How revisions are wrapped in transactions when several run in one command. */
export type TransactionMode = 'each' | 'all' | 'none';

/**
 * The settings a config file and code (`createMigrator`, `new Migrator`) share, as given: all
 * optional. Each one's default and check are in settings.ts.
 */
export interface SettingsOptions extends TablePatterns {
  /**
   * Holds `versions/` and optional `templates/`. Default `migrations`. Relative to the config
   * file's folder; given in code, relative to `cwd` (default `process.cwd()`, which depends on where
   * the app was started: pass an absolute path, e.g. `join(__dirname, '../migrations')`, to be
   * safe). The `versions/` folder must exist: a missing one is an error naming the absolute path,
   * never "no revisions".
   */
  migrationsDir?: string;
  /** Table holding one row per applied head. Default `entity_migrate_version`. */
  versionTable?: string;
  /** Table logging every upgrade/downgrade step, with its checksum. Default `entity_migrate_history`. */
  historyTable?: string;
  /** `each` (default): one transaction per revision, with its version-table update; `all`: one for the whole run; `none`. */
  transactionMode?: TransactionMode;
  /** How long upgrade/downgrade/stamp wait for another process's migration lock, in ms. Default 60000. */
  lockTimeout?: number;
  /**
   * Compare constraint and index names too. Default false: a unique, index, foreign key, check or
   * primary key that says what the entities say is no change under another name than TypeORM's
   * naming strategy gives (a database built by hand: `team_name_key` for `UQ_…`). True: autogenerate
   * and `check` drop it and create it under TypeORM's name. Names that differ only in case or
   * quoting are the same name either way.
   */
  strictNames?: boolean;
  /**
   * Tables with at least this many rows (the catalog's estimate) are large: an op that holds off
   * the app's writes while it scans, builds or rewrites one is a warning in `check`,
   * `revision --autogenerate` and `upgrade --sql`, and `check --strict` fails on it. Default 100000.
   */
  largeTableRows?: number;
  /**
   * How long a revision's DDL waits for a lock (PostgreSQL `lock_timeout` inside its transaction,
   * MySQL/MariaDB `lock_wait_timeout`) before the revision rolls back and is tried again, instead of
   * making the app's later queries on the table queue behind it. In ms; default 5000; 0 = wait forever.
   */
  ddlLockTimeout?: number;
  /** How many times a revision that met the lock timeout is tried again, with growing pauses. Default 3. */
  ddlRetries?: number;
  /**
   * Autogenerate ops on tables that already exist in the form that takes only short locks
   * (PostgreSQL: concurrent indexes, constraints added NOT VALID then validated, SET NOT NULL
   * through a validated check); `revision --online` asks for it once. On MySQL/MariaDB, each ALTER
   * of an existing table then asks for ALGORITHM=INSTANT, else INPLACE with LOCK=NONE, and runs as
   * written, with a warning, where the server refuses both. Default false.
   */
  online?: boolean;
  /**
   * More folders of revision files, besides `<migrationsDir>/versions` (e.g. a plugin's own
   * branch). Relative to the config file's folder (given in code, to `cwd`); each must exist.
   * `revision --version-path DIR` writes into one of them.
   */
  versionLocations?: readonly string[];
}

/** The settings code (`createMigrator`, `new Migrator`) gives: the shared ones, where it runs, and the lock's name. */
export interface CodeSettings extends SettingsOptions {
  /** Base for relative paths and for the paths printed in messages. Default `process.cwd()`. */
  cwd?: string;
  /** Name the lock is derived from. Default: the version table's name. */
  lockName?: string;
  /** The config file the options came from, named in messages. */
  configFile?: string;
}

/** Options of ours; every other top-level key of a config is an inline TypeORM option. */
export interface EntityMigrateOptions extends SettingsOptions {
  /**
   * Where the database comes from: a path (relative to the config file) to a module exporting a
   * TypeORM `DataSource` or `DataSourceOptions`, or an (async) function or a Promise returning
   * either (default or named export; `./db.ts#name` picks a named one); or any of those
   * themselves. Leave it out to give inline TypeORM options (`type`, `url`, …) instead.
   *
   * A function is called with no arguments, after the env file is loaded: a NestJS app can export
   * one options factory for `TypeOrmModule.forRootAsync({ useFactory })` and for the CLI.
   */
  dataSource?: string | DataSourceInput;
  /**
   * Run on each new revision file (see `PostWriteHook`): `'prettier'` (when installed), any
   * command (`'biome format --write {file}'`, `'eslint --fix {file}'`), or, in a TS/JS config, a
   * function. A hook that fails is a warning with its output; the revision is written anyway.
   */
  postWriteHooks?: PostWriteHook[];
  /**
   * A `.env` file to load, relative to the config file. Default: `.env` beside the config file
   * when it exists. Variables already set in the environment win. `--env-file` replaces it.
   * In a TS/JS config this key is read after the config module ran, so code at its top level sees
   * only the default `.env` (or `--env-file`); the data-source module sees this one.
   */
  envFile?: string;
  /**
   * The databases and schemas `--all-targets` / `--target NAME` run on (tenants, shards): a list,
   * or a function (sync or async, called only when one of those flags is given) returning one, of
   * `{ name, url?, schema? }`. `url` replaces the data source's connection; `schema` sets its
   * PostgreSQL schema, where the target's tables, version table, history and lock then live.
   * Without those flags, commands run on the data source as configured.
   */
  targets?: TargetsInput;
}

/**
 * `include` / `exclude` as written in the config (or handed to `createMigrator`): lists of
 * table-name patterns (`*`, `?`; `table` or `schema.table`). What they match is autogenerate's
 * business (autogenerate/table-filter.ts).
 */
export interface TablePatterns {
  /** Only tables matching one of these are considered by autogenerate and check (default: every table). */
  include?: readonly string[];
  /** Tables autogenerate and check leave alone: never created, altered or dropped (wins over include). */
  exclude?: readonly string[];
}

/** A DataSource or its options, as such, or from an (async) function or a Promise. */
export type DataSourceInput =
  | DataSource
  | DataSourceOptions
  | DataSourceFactory;

/**
 * What a factory may give: a DataSource, or options as loose as NestJS's `TypeOrmModuleOptions`
 * (`type` may be left to the `url`; Nest's own keys such as `autoLoadEntities` are ignored).
 */
export type DataSourceFactoryResult = DataSource | DataSourceOptions | DeepPartialUnion<DataSourceOptions>;

/** Returns (or resolves to) a DataSource or its options; called with no arguments. */
export type DataSourceFactory = (() => DataSourceFactoryResult | Promise<DataSourceFactoryResult>) | Promise<DataSourceFactoryResult>;

/**
 * The config file's shape: our options, plus inline TypeORM options at the top level when
 * `dataSource` is not used (`type`, `url`, `host`, `port`, `username`, `password`, `database`,
 * `schema`, `entities` as classes or globs, …).
 *
 * Relative paths resolve from the config file's folder, never from the shell's cwd: `dataSource`,
 * `migrationsDir`, `envFile`, and, inline or in the data-source module, entity and subscriber
 * globs and a SQLite `database` file. Only command-line paths (`-c`, `--env-file`, a
 * `--url sqlite:` file) start at the cwd.
 */
export type EntityMigrateConfig = EntityMigrateOptions & DeepPartialUnion<InlineDataSourceOptions>;

type DeepPartialUnion<T> = T extends unknown ? Partial<T> : never;

/** Inline TypeORM options; `type` may be omitted when `url` names it (`postgres://…`). */
export type InlineDataSourceOptions = DataSourceOptions extends infer O
  ? O extends { type: infer T }
    ? Omit<O, 'type'> & { type?: T }
    : never
  : never;

/** Where the URL that replaces the configured connection came from. */
export interface UrlOverride {
  url: string;
  from: '--url' | 'DATABASE_URL';
}

/**
 * Our settings, checked, with defaults filled and paths absolute (settings.ts `resolveSettings`):
 * what a `Migrator` runs with, whether they came from a config file or from code.
 */
export interface ResolvedSettings {
  /** Absolute path of the config file, or undefined when the settings were given in code. */
  configFile: string | undefined;
  /** The config file's directory (or the cwd): relative paths in the config start here. */
  rootDir: string;
  /** The directory the command runs in (`--url`'s relative SQLite paths start here). */
  cwd: string;
  migrationsDir: string;
  /** `<migrationsDir>/versions`. */
  versionsDir: string;
  /** `versionLocations`, absolute: folders of revision files besides `versionsDir`. */
  versionLocations: string[];
  /** `<migrationsDir>/templates` (may not exist). */
  templatesDir: string;
  versionTable: string;
  historyTable: string;
  transactionMode: TransactionMode;
  postWriteHooks: PostWriteHook[];
  /** In ms; `--lock-timeout` (seconds) replaces the config's. */
  lockTimeout: number;
  /** Name the migration lock is derived from (given in code only). Default: `versionTable`. */
  lockName?: string;
  /** Whether a constraint or index renamed alone is a change. */
  strictNames: boolean;
  /** Rows from which a table is large for the lock report. */
  largeTableRows: number;
  /** ms a revision's DDL waits for a lock (0: no limit). */
  ddlLockTimeout: number;
  /** Times a revision that met ddlLockTimeout is tried again. */
  ddlRetries: number;
  /** Autogenerate writes online ops for existing tables; MySQL/MariaDB ALTERs ask for an online algorithm. */
  online: boolean;
  /** `include` / `exclude` table-name patterns, when given. */
  include?: string[];
  exclude?: string[];
}

/** A config with defaults filled, paths absolute and the data source located. */
export interface ResolvedConfig extends ResolvedSettings {
  /** Absolute path of a module exporting the DataSource (or its options, or a factory). */
  dataSourceModule?: string;
  /** The export of `dataSourceModule` to use (`./db.ts#name`); default: found by its value. */
  dataSourceExport?: string;
  /** Inline TypeORM options (entity globs not yet resolved). */
  dataSourceOptions?: InlineDataSourceOptions;
  /** A DataSource handed over in code (programmatic API or a TS config). */
  dataSourceInstance?: DataSource;
  /** A function or Promise handed over in code (a TS config), resolved when the DataSource is built. */
  dataSourceFactory?: DataSourceFactory;
  /** The `.env` file loaded (absolute), if any. */
  envFile?: string;
  /** `--url` or `DATABASE_URL`, which beats whatever the config says about the connection. */
  urlOverride?: UrlOverride;
  /** The config's `targets` (a checked list, or a function not yet called). */
  targets?: TargetsInput;
  /** The target this config runs on (`--target`), applied over the data source and any URL override. */
  target?: Target;
}
