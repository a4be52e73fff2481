/** The dialect for a DataSource, chosen by its driver type. */
import type { DataSource } from 'typeorm';
import { EntityMigrateError } from '../errors';
import type { Dialect } from './dialect';
import { mysqlDialect } from './mysql';
import { postgresDialect } from './postgres';
import { sqliteDialect } from './sqlite';

export type { Dialect, DialectName, ExecutionContext, StatementSink } from './dialect';
export { mysqlDialect, postgresDialect, sqliteDialect };

export function dialectFor(dataSource: Pick<DataSource, 'options'>): Dialect {
  // A string, not TypeORM's union: TypeORM 1.x no longer lists 'sqlite', 0.3.x still does.
  const type: string = dataSource.options.type;
  switch (type) {
    case 'postgres':
      return postgresDialect;
    case 'sqlite':
    case 'better-sqlite3':
      return sqliteDialect;
    case 'mysql':
    case 'mariadb':
      return mysqlDialect;
    default:
      throw new EntityMigrateError(
        'UNSUPPORTED_DRIVER',
        `entity-migrate supports postgres, better-sqlite3, sqlite, mysql and mariadb; this data source uses "${String(type)}"`,
      );
  }
}
