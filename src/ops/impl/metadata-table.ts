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
  await ctx.sink.viaQueryRunner((qr) => builder.createTypeormMetadataTable(qr));
  // Offline nothing was created; remember it so later ops in the same script skip this step.
  if (ctx.sink.offline) {
    const { Table } = await import('typeorm');
    rememberTable(queryRunner, new Table({ name, columns: [{ name: 'type', type: 'varchar' }] }));
  }
}

/** Whether TypeORM will write a column's expression into `typeorm_metadata`. */
export const hasGeneratedExpression = (column: { asExpression?: string; generatedType?: string }): boolean =>
  !!column.asExpression && !!column.generatedType;
