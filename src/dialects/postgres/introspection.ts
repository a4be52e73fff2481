/**
 * PostgreSQL's side of autogenerate: schemas, table listing, the catalog fix-ups of what TypeORM
 * reads (constraint columns, index key order, enum label order, exclusion deferrability), predicate
 * and exclusion comparison in the database's own spelling, `USING` for array changes, the
 * uuid-function defaults TypeORM forgets, and for `baseline` the domains of columns and what a
 * schema needs before its tables (extensions, types).
 */
import { postgresDriver } from '../../typeorm-internals';
import type { DialectIntrospection, SchemaScope } from '../dialect';
import { defaultSchemaOf } from './catalog-scope';
import { catalogViews } from './catalog-views';
import { fixCheckExpressions } from './check-expressions';
import { fixConstraintColumns } from './constraint-columns';
import { fixLossyDefaults } from './default-expressions';
import { keepExactDefaults } from './exact-defaults';
import { completeGeneratedColumns } from './generated-columns';
import { completeDomainColumns } from './domain-columns';
import { fixEnumLabelOrder } from './enum-label-order';
import { sameExclusion } from './exclusion-definition';
import { fixExclusionDeferrable } from './exclusion-deferrable';
import { fixIndexColumnOrder } from './index-column-order';
import { unbuildableIndexes } from './index-methods';
import { objectsNotAdopted } from './objects-not-adopted';
import { rawIndexes } from './raw-indexes';
import { schemaPrelude } from './schema-prelude';
import { sameStoredDefaults } from './stored-defaults';
import { keepUuidFunctions } from './uuid-defaults-kept';
import { settleExpressions, settledCheck, storedGeneratedExpression, storedPredicate } from './stored-form';

/** Bare in the default schema, `schema.table` elsewhere: as TypeORM names tables. */
function tableName(schema: string, table: string, scope: SchemaScope): string {
  return schema === scope.defaultSchema ? table : `${schema}.${table}`;
}

/** The uuid functions PostgreSQL reports as a uuid column's default. */
export const isUuidFunctionDefault = (text: string): boolean => text === 'gen_random_uuid()' || /^uuid_generate_v\d\(\)$/.test(text);

export const postgresIntrospection: DialectIntrospection = {
  defaultSchema: defaultSchemaOf,

  async existingSchemas(db) {
    const rows = (await db.query(`SELECT schema_name FROM information_schema.schemata`)) as { schema_name: string }[];
    return new Set(rows.map((r) => r.schema_name));
  },

  async tableNames(db, scope) {
    const rows = (await (scope
      ? db.query(
          `SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema = ANY($1)`,
          [scope.schemas],
        )
      : db.query(
          `SELECT table_schema, table_name FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg\\_%'`,
        ))) as { table_schema: string; table_name: string }[];
    const defaultSchema = scope ? scope.defaultSchema : await defaultSchemaOf(db);
    return rows.map((r) => tableName(r.table_schema, r.table_name, { schemas: [], defaultSchema }));
  },

  async fixLoadedTables(queryRunner, tables) {
    // First: the key order is only put back on a unique with the columns it really has.
    await fixConstraintColumns(queryRunner, tables);
    fixCheckExpressions(tables);
    await fixIndexColumnOrder(queryRunner, tables);
    await fixEnumLabelOrder(queryRunner, tables);
    fixExclusionDeferrable(tables);
    await fixLossyDefaults(queryRunner, tables);
  },

  /**
   * PostgreSQL rewrites a predicate (`status = 'live'` → `((status)::text = 'live'::text)`), so both
   * sides go through it: a temporary copy of the table gets a temporary index with the predicate,
   * and `pg_get_expr` gives its stored form. All of it in a transaction that is rolled back.
   */
  async samePredicate(queryRunner, table, a, b) {
    return (await storedPredicate(queryRunner, table, a.columnNames, a.where)) === (await storedPredicate(queryRunner, table, b.columnNames, b.where));
  },

  sameExclusion,
  sameStoredDefaults,

  async sameCheck(queryRunner, table, a, b) {
    return (await settledCheck(queryRunner, table, a)) === (await settledCheck(queryRunner, table, b));
  },

  async sameGeneratedExpression(queryRunner, table, column, a, b) {
    return (await storedGeneratedExpression(queryRunner, table, column, a)) === (await storedGeneratedExpression(queryRunner, table, column, b));
  },

  settleExpressions,

  unbuildableIndexes,

  catalogViews,

  /**
   * Besides the expressions of generated columns, what else `baseline` must know to create a
   * column as it is and TypeORM's reading loses: which uuid function, and defaults that would
   * be stored differently when written back as read.
   */
  async completeGeneratedColumns(queryRunner, tables) {
    await completeGeneratedColumns(queryRunner, tables);
    await keepUuidFunctions(queryRunner, tables);
    await keepExactDefaults(queryRunner, tables);
  },
  completeColumnTypes: completeDomainColumns,
  rawIndexes,
  schemaPrelude,
  objectsNotAdopted,

  alterUsing(before, after) {
    const column = JSON.stringify(before.name);
    if (!before.isArray && after.isArray) return `ARRAY[${column}]`;
    if (before.isArray && !after.isArray) return `${column}[1]`;
    return undefined;
  },

  async uuidFunctionDefaults(dataSource, scope) {
    const rows = (await dataSource.query(
      `SELECT table_schema, table_name, column_name, column_default FROM information_schema.columns
        WHERE udt_name = 'uuid' AND column_default IS NOT NULL AND table_schema = ANY($1)`,
      [scope.schemas],
    )) as { table_schema: string; table_name: string; column_name: string; column_default: string }[];
    const live = new Map<string, string>();
    for (const r of rows) {
      if (isUuidFunctionDefault(r.column_default)) live.set(`${tableName(r.table_schema, r.table_name, scope)}.${r.column_name}`, r.column_default);
    }
    const generator = postgresDriver(dataSource).uuidGenerator ?? 'uuid_generate_v4()';
    return { live, generator };
  },
};
