/**
 * From a resolved config to a TypeORM DataSource we can safely initialize: entity globs loaded
 * through our TS loader, the URL override applied, and every option that would change the schema
 * behind our back switched off.
 */
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { checkConnectionSettings, CONNECTION_KEYS } from '../config/connection-settings';
import { parseDatabaseUrl } from '../config/database-url';
import { dialectForType, supportedDriverTypes, unsupportedDriverHint } from '../dialects';
import { missingDatabaseFile, removeEmptyDatabaseFile } from '../dialects/database-file';
import { describeTarget, maskSecrets, urlPasswords } from '../config/mask-url';
import { isDataSource } from '../values';
import type { ResolvedConfig } from '../config/types';
import { inTargetSchema, replaceConnection } from '../config/target-connection';
import { ConfigError, ConnectionError, EntityMigrateError } from '../errors';
import { indexMetadataLookups, newDataSource, watchDriverConnect, withIndexedMetadataArgs } from '../typeorm-internals';
import { dataSourceFromModule, dataSourceFromValue, type DataSourceValue } from './data-source-export';
import { displayPath } from '../display-path';
import { noneSeen, resolveEntities } from './entities';
import { listEntries, rememberEntitySource, type EntitySource } from './entity-source';
import { importModule } from './load-module';
import { rememberMigrationsSource } from './typeorm-migrations';

export interface CreateDataSourceOptions {
  /** Keep TypeORM's query logging (the user's `logging`, else queries and errors). */
  verbose?: boolean;
  /**
   * Load entity (and subscriber) globs. Default true. Commands that only read or write the version
   * table (`current`, `stamp`, `upgrade` without autogenerate) can pass false to skip loading
   * hundreds of entity files; the DataSource then has no entities.
   */
  entities?: boolean;
  /** Told about entity globs that matched no file while other entries did (one line each). */
  onWarning?: (message: string) => void;
}

/** `TypeOrmModule.forRoot*` options that are Nest's, not TypeORM's (one factory serves both). */
const NEST_KEYS = ['retryAttempts', 'retryDelay', 'toRetry', 'autoLoadEntities', 'keepConnectionAlive', 'verboseRetryLog', 'manualInitialization'];

/**
 * An uninitialized DataSource for the config. An already initialized DataSource handed over in code
 * (and not overridden by a URL) is returned as is, so an app can share its connection pool.
 *
 * Relative paths in the options (entity and subscriber globs, a SQLite `database` file) resolve
 * from the config file's folder, whether they are inline or in the data-source module, so the
 * command gives the same answer from any working directory; without a config file (options given
 * in code), from `config.cwd`. A `--url`/`DATABASE_URL` SQLite path resolves from the cwd.
 */
export async function createDataSource(config: ResolvedConfig, options: CreateDataSourceOptions = {}): Promise<DataSource> {
  const { base, origin } = await baseOptions(config);
  if (!config.urlOverride && !config.target && isDataSource(base) && base.isInitialized) return base;
  let opts: Record<string, unknown> = { ...(isDataSource(base) ? base.options : base) };
  const autoLoadEntities = opts.autoLoadEntities === true;
  for (const key of NEST_KEYS) delete opts[key];

  // A target's `url` names its database and beats `--url` / `DATABASE_URL`; its relative SQLite
  // path starts at the config file's folder, like the config's own.
  const target = config.target;
  if (target?.url !== undefined) {
    opts = replaceConnection(opts, target.url, config.rootDir, `target "${target.name}"`);
  } else if (config.urlOverride) {
    opts = replaceConnection(opts, config.urlOverride.url, config.cwd, config.urlOverride.from);
  } else {
    if (opts.type === undefined && typeof opts.url === 'string' && opts.url) {
      // Inline `url` without `type`: the scheme says which driver.
      opts = { ...opts, ...parseDatabaseUrl(opts.url, config.rootDir, origin) };
    }
    if (dialectForType(opts.type)?.connection.fileBased && typeof opts.database === 'string' && opts.database !== ':memory:' && opts.database !== '') {
      opts.database = resolve(config.rootDir, opts.database);
    }
  }
  if (opts.type === undefined) {
    // `url: process.env.DB_URL` with the variable unset: say so rather than "nothing configured".
    const why = 'url' in opts ? `: "url" is ${opts.url === undefined ? 'undefined' : 'empty'} (an unset environment variable?) and "type" is not set` : '';
    throw new ConfigError(
      'CONFIG_INVALID',
      `${origin}: no database configured${why}; set "dataSource", or "type"/"url", or pass --url / DATABASE_URL`,
    );
  }
  checkDriver(opts.type, origin);
  if (target) opts = inTargetSchema(opts, target, origin);
  checkConnectionSettings(opts, origin);

  const entitySource: EntitySource = { origin, baseDir: config.rootDir, entries: listEntries(opts.entities), autoLoadEntities };
  if (options.entities === false) {
    opts.entities = [];
    opts.subscribers = [];
  } else {
    for (const key of ['entities', 'subscribers'] as const) {
      if (opts[key] === undefined) continue;
      const seen = noneSeen();
      opts[key] = await resolveEntities(opts[key] as unknown[], config.rootDir, seen);
      if (key === 'entities') entitySource.seen = seen;
      // All entries empty is `check`'s and `revision --autogenerate`'s to refuse (naming what was
      // seen); one of several matching nothing is a typo, and bare EntitySchemaOptions a surprise.
      if ((opts[key] as unknown[]).length === 0) continue;
      for (const glob of seen.globs) {
        if (glob.files.length === 0) options.onWarning?.(`"${key}" entry ${glob.pattern} (${origin}) matched no file in ${config.rootDir}`);
      }
      if (key === 'entities') {
        for (const bare of seen.schemaOptions) {
          const where = bare.file ? displayPath(bare.file, config.cwd) : `"entities" in ${origin}`;
          options.onWarning?.(`${where}: EntitySchemaOptions "${bare.name}" without new EntitySchema(…) are ignored by TypeORM, and so by entity-migrate`);
        }
      }
    }
  }

  const migrationsSource = { origin, baseDir: config.rootDir, entries: opts.migrations };
  Object.assign(opts, {
    synchronize: false, // the schema changes only through revisions
    migrationsRun: false,
    dropSchema: false,
    migrations: [], // TypeORM's migrations are not ours to run
    logging: options.verbose ? (opts.logging ?? ['query', 'error']) : false,
  });
  let dataSource: DataSource;
  try {
    dataSource = newDataSource(opts);
  } catch (error) {
    // The driver package (pg, better-sqlite3, …) is loaded by the constructor.
    const reason = error instanceof Error ? error.message : String(error);
    throw new EntityMigrateError('UNSUPPORTED_DRIVER', `${origin}: cannot use database type '${String(opts.type)}': ${reason}`, {
      cause: error,
    });
  }
  rememberEntitySource(dataSource, entitySource);
  rememberMigrationsSource(dataSource, migrationsSource);
  return dataSource;
}

/** The DataSource (or its options) the config names, and the file to blame in messages. */
async function baseOptions(config: ResolvedConfig): Promise<{ base: DataSourceValue; origin: string }> {
  const configName = config.configFile ? displayPath(config.configFile, config.cwd) : 'config';
  if (config.dataSourceInstance) return { base: config.dataSourceInstance, origin: configName };
  if (config.dataSourceFactory) {
    return { base: await dataSourceFromValue(config.dataSourceFactory, `${configName}: "dataSource"`), origin: configName };
  }
  if (config.dataSourceModule) {
    const where = displayPath(config.dataSourceModule, config.cwd);
    return { base: await dataSourceFromModule(await importModule(config.dataSourceModule), where, config.dataSourceExport), origin: where };
  }
  return { base: { ...(config.dataSourceOptions ?? {}) }, origin: configName };
}

function checkDriver(type: unknown, origin: string): void {
  const supported = supportedDriverTypes();
  if (typeof type === 'string' && supported.includes(type)) return;
  const why = typeof type === 'string' ? unsupportedDriverHint(type) : undefined;
  const hint = why ? ` (${why})` : '';
  throw new EntityMigrateError(
    'UNSUPPORTED_DRIVER',
    `${origin}: unsupported database type '${String(type)}'${hint}; supported: ${supported.join(', ')}`,
  );
}

/**
 * `dataSource.initialize()`, with a failure to reach or log in to the database turned into one
 * line naming host/port/database and the driver's reason, passwords masked. Failures after the
 * connection is up (invalid entity metadata) become a LoadError instead.
 */
export async function initializeDataSource(dataSource: DataSource): Promise<DataSource> {
  if (dataSource.isInitialized) return dataSource;
  const connect = watchDriverConnect(dataSource);
  // SQLite's driver creates the file as it opens it, before TypeORM checks the entities.
  const newFile = missingDatabaseFile(dataSource.options);
  try {
    // Metadata building scans every decorator record per entity, and the runner's table loading
    // every entity per column; indexed, both grow linearly.
    await withIndexedMetadataArgs(() => dataSource.initialize());
    indexMetadataLookups(dataSource);
    return dataSource;
  } catch (error) {
    if (newFile) removeEmptyDatabaseFile(newFile);
    const options: Record<string, unknown> = { ...dataSource.options };
    const secrets = [typeof options.password === 'string' ? options.password : undefined, ...urlPasswords(options.url)];
    const reason = maskSecrets(driverReason(error), secrets);
    if (!connect.connected) {
      throw new ConnectionError('CONNECTION_FAILED', `cannot connect to ${describeTarget(options)}: ${reason}`, {
        cause: error,
      });
    }
    // Connected, then failed: entity metadata or the driver's setup (extensions, …).
    throw new EntityMigrateError('LOAD_FAILED', `cannot initialize TypeORM on ${describeTarget(options)}: ${reason}`, {
      cause: error,
    });
  } finally {
    connect.restore();
  }
}

/** The driver's own words; Node reports refused connections as an AggregateError with no message. */
function driverReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message) return error.message.split('\n')[0] ?? error.message;
  const inner = (error as { errors?: unknown[] }).errors?.[0];
  if (inner instanceof Error && inner.message) return inner.message;
  return (error as NodeJS.ErrnoException).code ?? error.name;
}
