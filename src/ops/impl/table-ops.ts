/** createTable, dropTable, renameTable: TypeORM's QueryRunner, plus keeping its table cache true. */
import type { OpImplementations } from '../execution';
import { cachedTable, forgetTable, peekCachedTable, rememberTable } from '../table-cache';
import { renamedTablePath } from '../table-path';
import { toTable } from '../to-typeorm';
import { requireExclusionConstraints } from './exclusion-support';
import { ensureMetadataTable, hasGeneratedExpression } from './metadata-table';

export const tableOps: Pick<OpImplementations, 'createTable' | 'dropTable' | 'renameTable'> = {
  async createTable(op, ctx) {
    if (op.table.exclusions?.length) requireExclusionConstraints(ctx, op.table.name);
    if (op.table.columns.some(hasGeneratedExpression)) await ensureMetadataTable(ctx);
    const table = toTable(op.table);
    // TypeORM mutates what it is given (fills index names); keep our spec untouched.
    await ctx.sink.viaQueryRunner((qr) => qr.createTable(table.clone(), false, true, true));
    // TypeORM does not cache a created table. Live, the next lookup reads the catalog; offline
    // there is nothing to read, so the cache must hold the table as created.
    if (ctx.sink.offline) rememberTable(ctx.queryRunner, table);
    else forgetTable(ctx.queryRunner, op.table.name);
  },

  async dropTable(op, ctx) {
    const name = typeof op.table === 'string' ? op.table : op.table.name;
    // TypeORM reads the table (from its cache, else the catalog) to drop its indices and keys
    // first. Offline, a table that exists neither there nor in the database can still be dropped
    // from the op's own spec (e.g. a --sql script that creates and drops it).
    if (
      ctx.sink.offline &&
      typeof op.table !== 'string' &&
      !peekCachedTable(ctx.queryRunner, name) &&
      !(await ctx.queryRunner.hasTable(name))
    ) {
      rememberTable(ctx.queryRunner, toTable(op.table));
    }
    await ctx.sink.viaQueryRunner((qr) => qr.dropTable(name, false, true, true));
    forgetTable(ctx.queryRunner, name);
  },

  async renameTable(op, ctx) {
    const table = await cachedTable(ctx.queryRunner, op.from);
    const before = table.clone();
    await ctx.sink.viaQueryRunner((qr) => qr.renameTable(table, op.to));
    // PostgreSQL's renameTable leaves the cache under the old name (SQLite and MySQL update it).
    forgetTable(ctx.queryRunner, before.name);
    forgetTable(ctx.queryRunner, table.name);
    if (ctx.sink.offline) {
      const renamed = before.clone();
      renamed.name = renamedTablePath(before.name, op.to);
      rememberTable(ctx.queryRunner, renamed);
    }
  },
};
