/**
 * TypeORM's PostgreSQL runner and driver (`PostgresQueryRunner`, `PostgresDriver`; 0.3.x and 1.x):
 * the helpers that render enum types, indexes and table names exactly as TypeORM does.
 */
import type { DataSource, QueryRunner, Table, TableCheck, TableColumn, TableForeignKey, TableIndex, View } from 'typeorm';
import type { Query } from 'typeorm/driver/Query';
import { checkedView } from './checked-view';

/** Protected members of `PostgresQueryRunner`. */
export interface PostgresRunnerInternals {
  /** `"schema"."table"`, quoted; the schema left out when the name has none. */
  escapePath(target: Table | View | string): string;
  /**
   * Whether the column's enum type exists in the database. Replaced on the instance offline
   * (offline-enums.ts); TypeORM's `createTable` and `addColumn` ask it before CREATE TYPE.
   */
  hasEnumType(table: Table, column: TableColumn): Promise<boolean>;
  /** `CREATE TYPE … AS ENUM (…)` for the column. */
  createEnumTypeSql(table: Table, column: TableColumn, enumName?: string): Query;
  /**
   * The column's enum type name: its `enumName`, else `<table>_<column>_enum`; with the table's
   * schema unless `withSchema` is false, quoted unless `disableEscape`, `_old` appended with
   * `toOld`. Typed for a Table, but both lines parse a `schema.table` string the same way.
   */
  buildEnumName(table: Table | string, column: TableColumn, withSchema?: boolean, disableEscape?: boolean, toOld?: boolean): string;
  createIndexSql(table: Table, index: TableIndex): Query;
  /** `ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY …`, as TypeORM writes it. */
  createForeignKeySql(table: Table, foreignKey: TableForeignKey): Query;
  /** `ALTER TABLE … ADD CONSTRAINT … CHECK (…)`. */
  createCheckConstraintSql(table: Table, check: TableCheck): Query;
  /** `ifExists` is 1.x only. */
  dropIndexSql(table: Table | View, indexOrName: TableIndex | string): Query;
  /** Public on the PostgreSQL runner (not in `QueryRunner`): an index on a materialized view. */
  createViewIndex(viewOrName: View | string, index: TableIndex): Promise<void>;
  dropViewIndex(viewOrName: View | string, indexOrName: TableIndex | string): Promise<void>;
}

const runnerView = checkedView<QueryRunner, PostgresRunnerInternals>('PostgresQueryRunner', [
  'escapePath',
  'hasEnumType',
  'createEnumTypeSql',
  'buildEnumName',
  'createIndexSql',
  'createForeignKeySql',
  'createCheckConstraintSql',
  'dropIndexSql',
  'createViewIndex',
  'dropViewIndex',
]);

/** The PostgreSQL runner with its protected helpers. The runner must be a PostgreSQL one. */
export function postgresRunner(queryRunner: QueryRunner): QueryRunner & PostgresRunnerInternals {
  return runnerView(queryRunner);
}

/** Members of `PostgresDriver` that the `Driver` interface lacks. */
export interface PostgresDriverInternals {
  /** What `generationStrategy: 'uuid'` defaults to: `gen_random_uuid()` with `uuidExtension: 'pgcrypto'`, else `uuid_generate_v4()`. */
  readonly uuidGenerator?: string;
}

const driverView = checkedView<object, PostgresDriverInternals>('PostgresDriver', []);

/** The data source's PostgreSQL driver. */
export function postgresDriver(dataSource: DataSource): PostgresDriverInternals {
  return driverView(dataSource.driver);
}
