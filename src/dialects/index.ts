/**
 * The databases entity-migrate supports: a list, not a switch. A new database is one folder
 * beside `postgres/`, `sqlite/` and `mysql/` exporting a `Dialect` (index.ts) and its
 * `DialectConnection` (connection.ts), plus one line here.
 */
import { EntityMigrateError } from '../errors';
import type { Dialect, DialectConnection } from './dialect';
import { mysqlConnection } from './mysql/connection';
import { postgresConnection } from './postgres/connection';
import { sqliteConnection } from './sqlite/connection';

/**
 * One line per database: how it is named and reached (light), and the dialect itself, loaded on
 * first use. A command works with one database, so it loads one dialect, not all three: each is
 * some twenty modules, and every CLI process paid for all of them at start (issue 10).
 */
interface RegisteredDialect {
  readonly connection: DialectConnection;
  load(): Dialect;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const REGISTRY: readonly RegisteredDialect[] = [
  { connection: postgresConnection, load: () => (require('./postgres') as typeof import('./postgres')).postgresDialect },
  { connection: sqliteConnection, load: () => (require('./sqlite') as typeof import('./sqlite')).sqliteDialect },
  { connection: mysqlConnection, load: () => (require('./mysql') as typeof import('./mysql')).mysqlDialect },
];
/* eslint-enable @typescript-eslint/no-require-imports */

/** How each supported database is named and reached, without loading its dialect. */
export const DIALECT_CONNECTIONS: readonly DialectConnection[] = REGISTRY.map((d) => d.connection);

export type { Dialect, DialectConnection, DialectName, IndexRefusal, PlannedIndex, Queryable, RawTableStatement, SchemaScope, UnadoptedObject, UrlConnectionOptions, UuidFunctionDefaults, WantedDefault } from './dialect';
export type { ScratchDatabase } from './scratch-database';

/** The dialect serving a TypeORM `type` (`postgres`, `better-sqlite3`, `mariadb`, …), if any. */
export function dialectForType(type: unknown): Dialect | undefined {
  return typeof type === 'string' ? REGISTRY.find((d) => d.connection.driverTypes.includes(type))?.load() : undefined;
}

/** Every TypeORM `type` entity-migrate serves on the installed TypeORM. */
export function supportedDriverTypes(): string[] {
  return DIALECT_CONNECTIONS.flatMap((c) => c.driverTypes.filter((type) => !c.unsupportedDriverHint?.(type)));
}

/** Why `type` is not served, when a dialect knows (a driver the installed TypeORM dropped). */
export function unsupportedDriverHint(type: string): string | undefined {
  for (const connection of DIALECT_CONNECTIONS) {
    const hint = connection.unsupportedDriverHint?.(type);
    if (hint) return hint;
  }
  return undefined;
}

/** The dialect for a DataSource, chosen by its driver type. */
export function dialectFor(dataSource: { options: { type: unknown } }): Dialect {
  // TypeORM's union differs between releases (1.x no longer lists 'sqlite'), so any string is asked.
  const type = dataSource.options.type;
  const dialect = dialectForType(type);
  if (dialect) return dialect;
  const known = supportedDriverTypes();
  throw new EntityMigrateError(
    'UNSUPPORTED_DRIVER',
    `entity-migrate supports ${known.slice(0, -1).join(', ')} and ${known[known.length - 1]}; this data source uses "${String(type)}"`,
  );
}

/** How the database accepting a URL scheme (`postgresql`, `sqlite`, …) is reached, if any (its dialect stays unloaded). */
export function connectionForUrlScheme(scheme: string): DialectConnection | undefined {
  return DIALECT_CONNECTIONS.find((c) => c.urlSchemes.includes(scheme));
}
