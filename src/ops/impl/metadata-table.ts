/**
 * TypeORM records views and generated-column expressions in its `typeorm_metadata` table (the
 * schema builder reads views back from there). Its QueryRunner methods insert into that table but
 * expect it to exist, which `synchronize` guarantees and a migration does not. Create it first,
 * exactly as TypeORM's schema builder would, once per script.
 */
import { schemaBuilder } from '../../typeorm-internals';
import type { ExecutionContext } from '../execution';
import { peekCachedTable, rememberTable } from '../table-cache';

export async function ensureMetadataTable(ctx: ExecutionContext): Promise<void> {
  const { queryRunner, dataSource } = ctx;
  const name = dataSource.metadataTableName;
  if (peekCachedTable(queryRunner, name) || (await queryRunner.hasTable(name))) return;
  const builder = schemaBuilder(dataSource);
  if (!ctx.sink.offline) {
    await ctx.sink.viaQueryRunner((qr) => builder.createTypeormMetadataTable(qr));
  } else {
    // Nothing drops the table, so it outlives a downgrade of the revision that made it: a script
    // (which may start after such a downgrade, or read no database) makes it only where it is missing.
    queryRunner.enableSqlMemory();
    let statements;
    try {
      await builder.createTypeormMetadataTable(queryRunner);
      statements = queryRunner.getMemorySql().upQueries;
    } finally {
      queryRunner.disableSqlMemory();
    }
    for (const { query, parameters } of statements) await ctx.sink.query(query.replace(/^\s*CREATE TABLE /i, 'CREATE TABLE IF NOT EXISTS '), parameters);
    // Remember it so later ops in the same script skip this step.
    const { Table } = await import('typeorm');
    rememberTable(queryRunner, new Table({ name, columns: [{ name: 'type', type: 'varchar' }] }));
  }
}

/** Whether TypeORM will write a column's expression into `typeorm_metadata`. */
export const hasGeneratedExpression = (column: { asExpression?: string; generatedType?: string }): boolean =>
  !!column.asExpression && !!column.generatedType;
