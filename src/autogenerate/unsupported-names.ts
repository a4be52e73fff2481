/**
 * Names TypeORM's own SQL cannot carry. Its schema reader puts table names inside '…' without
 * escaping, its DDL puts identifiers inside "…" without doubling quotes, and it writes string
 * defaults as '…' unescaped: such an entity would autogenerate a revision that fails at upgrade,
 * or a diff that never settles. Refuse up front, naming the entity and the name.
 */
import type { DataSource } from 'typeorm';
import { EntityMigrateError } from '../errors';

export function assertSupportedNames(dataSource: DataSource): void {
  for (const entity of dataSource.entityMetadatas) {
    const where = `entity ${entity.name}`;
    const refuse = (what: string, name: string, why: string) => {
      throw new EntityMigrateError(
        'UNSUPPORTED_NAME',
        `${where}: ${what} ${JSON.stringify(name)} contains ${why}, which TypeORM's schema SQL does not escape; choose a name without it`,
      );
    };
    if (entity.tableName.includes("'")) refuse('table name', entity.tableName, "a single quote (')");
    if (entity.tableName.includes('"')) refuse('table name', entity.tableName, 'a double quote (")');
    for (const column of entity.columns) {
      if (column.databaseName.includes('"')) refuse('column name', column.databaseName, 'a double quote (")');
      if (typeof column.default === 'string' && column.default.includes("'")) {
        refuse(`default of column ${column.databaseName}`, column.default, "a single quote (')");
      }
    }
    for (const index of entity.indices) {
      if (index.name?.includes('"')) refuse('index name', index.name, 'a double quote (")');
    }
  }
}
