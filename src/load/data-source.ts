/**
 * From a resolved config to a TypeORM DataSource we can safely initialize: entity globs loaded
 * through our TS loader, the URL override applied, and every option that would change the schema
 * behind our back switched off.
 */
import { DataSource, type DataSourceOptions } from 'typeorm';
import { parseDatabaseUrl } from '../config/database-url';
import { describeTarget, maskSecrets } from '../config/mask-url';
import { isDataSource } from '../config/resolve-config';
import type { ResolvedConfig } from '../config/types';
import { ConfigError, ConnectionError, EntityMigrateError } from '../errors';
import { displayPath } from './display-path';
import { resolveEntities } from './entities';
import { importModule } from './load-module';
import { supportedDriverTypes, typeormVersion } from './typeorm-version';

export interface CreateDataSourceOptions {
  /** Keep TypeORM's query logging (the user's `logging`, else queries and errors). */
  verbose?: boolean;
  /**
   * Load entity (and subscriber) globs. Default true. Commands that only read or write the version
   * table (`current`, `stamp`, `upgrade` without autogenerate) can pass false to skip loading
   * hundreds of entity files; the DataSource then has no entities.
   */
  entities?: boolean;
}

/** Keys that say where the database is; a URL override replaces all of them. */
const CONNECTION_KEYS = ['url', 'host', 'port', 'username', 'password', 'database', 'sid', 'socketPath', 'connectString', 'replication'];
/** Driver-specific keys that make no sense once an override switches to another driver. */
const DRIVER_KEYS = ['schema', 'ssl', 'extra', 'driver', 'poolSize', 'uuidExtension', 'installExtensions', 'charset', 'timezone', 'prepareDatabase', 'statementCacheSize', 'enableWAL', 'nativeBinding'];

/**
 * An uninitialized DataSource for the config. An already initialized DataSource handed over in code
 * (and not overridden by a URL) is returned as is, so an app can share its connection pool.
 */
export async function createDataSource(config: ResolvedConfig, options: CreateDataSourceOptions = {}): Promise<DataSource> {
  const { base, entityBaseDir, origin } = await baseOptions(config);
  if (!config.urlOverride && base instanceof DataSourceHolder && base.dataSource.isInitialized) return base.dataSource;
  let opts: Record<string, unknown> = { ...(base instanceof DataSourceHolder ? base.dataSource.options : base) };

  if (config.urlOverride) {
    const { url, from } = config.urlOverride;
    const target = parseDatabaseUrl(url, config.cwd, from);
    for (const key of CONNECTION_KEYS) delete opts[key];
    if (opts.type !== target.type) for (const key of DRIVER_KEYS) delete opts[key];
    opts = { ...opts, ...target };
  } else if (opts.type === undefined && typeof opts.url === 'string') {
    // Inline `url` without `type`: the scheme says which driver.
    const target = parseDatabaseUrl(opts.url, config.cwd, origin);
    opts = { ...opts, ...target };
  }
  if (opts.type === undefined) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `${origin}: no database configured; set "dataSource", or "type"/"url", or pass --url / DATABASE_URL`,
    );
  }
  checkDriver(opts.type, origin);

  // Globs resolve where TypeORM would resolve them for a data-source module (the cwd), and from the
  // config file's directory for inline options.
  if (options.entities === false) {
    opts.entities = [];
    opts.subscribers = [];
  } else {
    if (opts.entities !== undefined) opts.entities = await resolveEntities(opts.entities as unknown[], entityBaseDir);
    if (opts.subscribers !== undefined) opts.subscribers = await resolveEntities(opts.subscribers as unknown[], entityBaseDir);
  }

  Object.assign(opts, {
    synchronize: false, // the schema changes only through revisions
    migrationsRun: false,
    dropSchema: false,
    migrations: [], // TypeORM's migrations are not ours to run
    logging: options.verbose ? (opts.logging ?? ['query', 'error']) : false,
  });
  try {
    return new DataSource(opts as unknown as DataSourceOptions);
  } catch (error) {
    // The driver package (pg, better-sqlite3, …) is loaded by the constructor.
    const reason = error instanceof Error ? error.message : String(error);
    throw new EntityMigrateError('UNSUPPORTED_DRIVER', `${origin}: cannot use database type '${String(opts.type)}': ${reason}`, {
      cause: error,
    });
  }
}

/** Wraps a DataSource instance so options objects and instances are told apart cheaply. */
class DataSourceHolder {
  constructor(readonly dataSource: DataSource) {}
}

async function baseOptions(
  config: ResolvedConfig,
): Promise<{ base: Record<string, unknown> | DataSourceHolder; entityBaseDir: string; origin: string }> {
  const origin = config.configFile ? displayPath(config.configFile, config.cwd) : 'config';
  if (config.dataSourceInstance) {
    return { base: new DataSourceHolder(config.dataSourceInstance), entityBaseDir: config.cwd, origin };
  }
  if (config.dataSourceModule) {
    const file = config.dataSourceModule;
    const exported = pickExport(await importModule(file));
    const where = displayPath(file, config.cwd);
    if (!exported) {
      throw new ConfigError('CONFIG_INVALID', `${where}: exports no TypeORM DataSource (default or named) or DataSourceOptions`);
    }
    return { base: isDataSource(exported) ? new DataSourceHolder(exported) : exported, entityBaseDir: config.cwd, origin: where };
  }
  return { base: { ...(config.dataSourceOptions ?? {}) }, entityBaseDir: config.rootDir, origin };
}

/** The default export, else the first named export that is a DataSource, else one that looks like options. */
function pickExport(mod: unknown): DataSource | Record<string, unknown> | undefined {
  if (isDataSource(mod)) return mod;
  if (typeof mod !== 'object' || mod === null) return undefined;
  const exports = mod as Record<string, unknown>;
  const candidates = ['default' in exports ? exports.default : undefined, ...Object.entries(exports).filter(([k]) => k !== 'default').map(([, v]) => v)];
  const dataSource = candidates.find(isDataSource);
  if (dataSource) return dataSource;
  const looksLikeOptions = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
  return candidates.find(looksLikeOptions) ?? (looksLikeOptions(mod) ? mod : undefined);
}

function checkDriver(type: unknown, origin: string): void {
  const supported = supportedDriverTypes();
  if (typeof type === 'string' && supported.includes(type)) return;
  const hint =
    type === 'sqlite' ? ` (TypeORM ${typeormVersion().version} has no 'sqlite' driver; use 'better-sqlite3')` : '';
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
  const driver = dataSource.driver as { connect(): Promise<void> };
  const connect = driver.connect;
  const ownConnect = Object.prototype.hasOwnProperty.call(driver, 'connect');
  let connected = false;
  // Only the driver's connect() tells a connection failure from a metadata failure afterwards.
  driver.connect = async function (this: unknown) {
    await connect.call(this);
    connected = true;
  };
  try {
    return await dataSource.initialize();
  } catch (error) {
    const options = dataSource.options as unknown as Record<string, unknown>;
    const secrets = [typeof options.password === 'string' ? options.password : undefined, ...urlPasswords(options.url)];
    const reason = maskSecrets(driverReason(error), secrets);
    if (!connected) {
      throw new ConnectionError('CONNECTION_FAILED', `cannot connect to ${describeTarget(options)}: ${reason}`, {
        cause: error,
      });
    }
    // Connected, then failed: entity metadata or the driver's setup (extensions, …).
    throw new EntityMigrateError('LOAD_FAILED', `cannot initialize TypeORM on ${describeTarget(options)}: ${reason}`, {
      cause: error,
    });
  } finally {
    if (ownConnect) driver.connect = connect;
    else delete (driver as { connect?: unknown }).connect;
  }
}

/** A URL's password as written and decoded: the driver may quote either. */
function urlPasswords(url: unknown): string[] {
  if (typeof url !== 'string') return [];
  const raw = /^[a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:([^@/?#]*)@/i.exec(url)?.[1];
  if (!raw) return [];
  try {
    return [raw, decodeURIComponent(raw)];
  } catch {
    return [raw];
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
