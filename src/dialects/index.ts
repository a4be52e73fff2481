/**
 * The databases entity-migrate supports: a list, not a switch. A new database is one folder
 * beside `postgres/`, `sqlite/` and `mysql/` exporting a `Dialect`, plus one line here.
 */
import { EntityMigrateError } from '../errors';
import type { Dialect } from './dialect';
import { mysqlDialect } from './mysql';
import { postgresDialect } from './postgres';
import { sqliteDialect } from './sqlite';

export { mysqlDialect, postgresDialect, sqliteDialect };

export const DIALECTS: readonly Dialect[] = [postgresDialect, sqliteDialect, mysqlDialect];

export type { Dialect, DialectName, IndexRefusal, PlannedIndex, Queryable, RawTableStatement, SchemaScope, UnadoptedObject, UrlConnectionOptions, UuidFunctionDefaults, WantedDefault } from './dialect';
export type { ScratchDatabase } from './scratch-database';

/** The dialect serving a TypeORM `type` (`postgres`, `better-sqlite3`, `mariadb`, …), if any. */
export function dialectForType(type: unknown): Dialect | undefined {
  return typeof type === 'string' ? DIALECTS.find((d) => d.connection.driverTypes.includes(type)) : undefined;
}

/** Every TypeORM `type` entity-migrate serves on the installed TypeORM. */
export function supportedDriverTypes(): string[] {
  return DIALECTS.flatMap((d) => d.connection.driverTypes.filter((type) => !d.connection.unsupportedDriverHint?.(type)));
}

/** Why `type` is not served, when a dialect knows (a driver the installed TypeORM dropped). */
export function unsupportedDriverHint(type: string): string | undefined {
  for (const dialect of DIALECTS) {
    const hint = dialect.connection.unsupportedDriverHint?.(type);
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

/** The dialect accepting a URL scheme (`postgresql`, `sqlite`, …), if any. */
export function dialectForUrlScheme(scheme: string): Dialect | undefined {
  return DIALECTS.find((d) => d.connection.urlSchemes.includes(scheme));
}
