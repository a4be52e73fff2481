/**
 * The live tables a pass compares the entities with, read as the rest of autogenerate reads them:
 * through TypeORM's loader, with the dialect's corrections (`fixLoadedTables`) applied.
 */
import type { QueryRunner, Table } from 'typeorm';
import { bareTableName, splitTableName } from '../../ops/table-path';
import { tolerateMissingMetadataTable } from '../../typeorm-internals';
import type { PassContext } from './pass';

/** Run `fn` on the tables at `paths` that exist, on a query runner released afterwards. */
export async function withLiveTables<T>(ctx: PassContext, paths: readonly string[], fn: (queryRunner: QueryRunner, tables: Table[]) => Promise<T>): Promise<T> {
  const queryRunner = ctx.dataSource.createQueryRunner();
  tolerateMissingMetadataTable(queryRunner);
  try {
    const tables = await queryRunner.getTables([...new Set(paths)]);
    await ctx.dialect.introspection.fixLoadedTables?.(queryRunner, tables);
    return await fn(queryRunner, tables);
  } finally {
    await queryRunner.release();
  }
}

/** The loaded table at `path` (`audit.event`, or `event` in the default schema). */
export function findTable(tables: readonly Table[], path: string): Table | undefined {
  const { schema, name } = splitTableName(path);
  return tables.find((t) => t.name === path) ?? tables.find((t) => bareTableName(t.name) === name && schema === undefined);
}
