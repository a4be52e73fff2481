/**
 * TypeORM's schema builder (`RdbmsSchemaBuilder`, what `driver.createSchemaBuilder()` returns for
 * every SQL driver, 0.3.x and 1.x): its diff (`log()`) is what autogenerate records, and two of its
 * protected steps are replaced on the instance while it runs.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import type { SchemaBuilder } from 'typeorm/schema-builder/SchemaBuilder';
import { checkedView } from './checked-view';
import { memoizeTablePaths } from './table-path-memo';

export interface SchemaBuilderInternals {
  /** Creates `typeorm_metadata` (views, generated-column expressions) as `synchronize` would (protected). */
  createTypeormMetadataTable(queryRunner: QueryRunner): Promise<void>;
  /**
   * TypeORM's column-rename guess (protected): a column gone and one added with the same type in
   * one table is renamed without asking. Optional: replaced on the instance only where present.
   */
  renameColumns?: () => Promise<void>;
  /**
   * Drops columns no entity has any more (protected). 0.3.20–0.3.28 keep every column of an entity
   * with a `@VirtualColumn`; fixed in 0.3.31 and 1.x. Optional as `renameColumns`.
   */
  dropRemovedColumns?: () => Promise<void>;
}

const builderView = checkedView<SchemaBuilder, SchemaBuilderInternals>('RdbmsSchemaBuilder', ['log', 'createTypeormMetadataTable']);

/**
 * A new schema builder for the data source (one per use: its steps keep state), with its table
 * paths memoized (table-path-memo.ts: its steps look every entity's table up by path).
 */
export function schemaBuilder(dataSource: DataSource): SchemaBuilder & SchemaBuilderInternals {
  const builder = dataSource.driver.createSchemaBuilder();
  memoizeTablePaths(builder);
  return builderView(builder);
}
