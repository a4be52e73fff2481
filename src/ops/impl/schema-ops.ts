/** Table comments, schemas and views. Schemas are dialect business (see each dialect's overrides). */
import type { OpImplementations } from '../execution';
import { toView } from '../to-typeorm';
import { ensureMetadataTable } from './metadata-table';
import { findView, forgetView, rememberView } from '../table-cache';

export const schemaOps: Pick<OpImplementations, 'setTableComment' | 'createSchema' | 'dropSchema' | 'createView' | 'dropView'> = {
  async setTableComment(op, ctx) {
    await ctx.sink.viaQueryRunner((qr) => qr.changeTableComment(op.table, op.comment ?? undefined));
  },

  async createSchema(op, ctx) {
    await ctx.sink.viaQueryRunner((qr) => qr.createSchema(op.schema, true));
  },
  async dropSchema(op, ctx) {
    await ctx.sink.viaQueryRunner((qr) => qr.dropSchema(op.schema, true));
  },

  async createView(op, ctx) {
    // Registered in typeorm_metadata, as synchronize does, so autogenerate sees the view as known.
    await ensureMetadataTable(ctx);
    await ctx.sink.viaQueryRunner((qr) => qr.createView(toView(op.view), true));
    // Offline, a later dropView in the same script must find the view without the catalog.
    if (ctx.sink.offline) rememberView(ctx.queryRunner, toView(op.view));
  },
  async dropView(op, ctx) {
    await ensureMetadataTable(ctx);
    const name = typeof op.view === 'string' ? op.view : op.view.name;
    // TypeORM looks the view up (cache, else catalog) to know whether it is materialized.
    if (ctx.sink.offline && typeof op.view !== 'string') {
      const known = await findView(ctx.queryRunner, name);
      if (!known) rememberView(ctx.queryRunner, toView(op.view));
    }
    await ctx.sink.viaQueryRunner((qr) => qr.dropView(name));
    forgetView(ctx.queryRunner, name);
  },
};
