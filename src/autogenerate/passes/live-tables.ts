/**
 * The live tables a pass compares the entities with, read as the rest of autogenerate reads them:
 * through TypeORM's loader, with the dialect's corrections (`fixLoadedTables`) applied.
 *
 * The schema builder has read most of them already, at the start of the same comparison: its load
 * is kept (`BuilderTables`) and a pass asking only for tables the builder asked for gets copies of
 * those. On PostgreSQL a load is about eight catalog queries, and `check` / `revision
 * --autogenerate` made it twice for every entity table (the builder, then key-generations).
 */
import type { QueryRunner, Table } from 'typeorm';
import { tolerateMissingMetadataTable } from '../../typeorm-internals';
import type { PassContext } from './pass';

export { findTable } from './find-table';

/** Run `fn` on the tables at `paths` that exist, on a query runner released afterwards. */
export async function withLiveTables<T>(ctx: PassContext, paths: readonly string[], fn: (queryRunner: QueryRunner, tables: Table[]) => Promise<T>): Promise<T> {
  const queryRunner = ctx.dataSource.createQueryRunner();
  tolerateMissingMetadataTable(queryRunner);
  try {
    const unique = [...new Set(paths)];
    let tables = ctx.builderTables?.tablesAt(unique);
    if (!tables) {
      tables = await queryRunner.getTables(unique);
      await ctx.dialect.introspection.fixLoadedTables?.(queryRunner, tables);
    }
    return await fn(queryRunner, tables);
  } finally {
    await queryRunner.release();
  }
}
