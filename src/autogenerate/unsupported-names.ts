/**
 * Names TypeORM's own SQL cannot carry (the op API's rule, ops/identifier-names.ts: its schema
 * reader puts table names inside '…' without escaping, its DDL puts identifiers inside "…" or `…`
 * without doubling quotes), and string defaults, which it writes as '…' unescaped: such an entity
 * would autogenerate a revision that fails at upgrade, or a diff that never settles. Refuse up
 * front, naming the entity and the name.
 */
import type { DataSource } from 'typeorm';
import { EntityMigrateError } from '../errors';
import { unquotableCharacter, type NameKind } from '../ops/identifier-names';

export function assertSupportedNames(dataSource: DataSource): void {
  for (const entity of dataSource.entityMetadatas) {
    const where = `entity ${entity.name}`;
    const refuse = (what: string, name: string, why: string) => {
      throw new EntityMigrateError(
        'UNSUPPORTED_NAME',
        `${where}: ${what} ${JSON.stringify(name)} contains ${why}, which TypeORM's schema SQL does not escape; choose a name without it`,
      );
    };
    const check = (what: string, name: string, kind: NameKind) => {
      const character = unquotableCharacter(name, kind);
      if (character) refuse(what, name, character);
    };
    check('table name', entity.tableName, 'catalog');
    for (const column of entity.columns) {
      check('column name', column.databaseName, 'identifier');
      if (typeof column.default === 'string' && column.default.includes("'")) {
        refuse(`default of column ${column.databaseName}`, column.default, "a single quote (')");
      }
    }
    for (const index of entity.indices) {
      if (index.name !== undefined) check('index name', index.name, 'identifier');
    }
  }
}
