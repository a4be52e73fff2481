/** Indices, unique/check/exclusion/foreign-key/primary-key constraints: TypeORM's QueryRunner methods. */
import type { OpImplementations } from '../execution';
import { toTableCheck, toTableExclusion, toTableForeignKey, toTableIndex, toTableUnique } from '../to-typeorm';
import { requireExclusionConstraints } from './exclusion-support';
import { findCheck, findExclusion, findForeignKey, findIndex, findUnique, tableOf } from './lookup';

type ConstraintKinds =
  | 'createIndex' | 'dropIndex' | 'createUnique' | 'dropUnique' | 'createCheck' | 'dropCheck'
  | 'createExclusion' | 'dropExclusion' | 'createForeignKey' | 'dropForeignKey' | 'createPrimaryKey' | 'dropPrimaryKey';

export const constraintOps: Pick<OpImplementations, ConstraintKinds> = {
  async createIndex(op, ctx) {
    await ctx.sink.viaQueryRunner((qr) => qr.createIndex(op.table, toTableIndex(op.index)));
  },
  async dropIndex(op, ctx) {
    const index = findIndex(await tableOf(ctx, op.table), op.table, op.index);
    await ctx.sink.viaQueryRunner((qr) => qr.dropIndex(op.table, index));
  },

  async createUnique(op, ctx) {
    await ctx.sink.viaQueryRunner((qr) => qr.createUniqueConstraint(op.table, toTableUnique(op.unique)));
  },
  async dropUnique(op, ctx) {
    const unique = findUnique(await tableOf(ctx, op.table), op.table, op.unique);
    await ctx.sink.viaQueryRunner((qr) => qr.dropUniqueConstraint(op.table, unique));
  },

  async createCheck(op, ctx) {
    await ctx.sink.viaQueryRunner((qr) => qr.createCheckConstraint(op.table, toTableCheck(op.check)));
  },
  async dropCheck(op, ctx) {
    const check = findCheck(await tableOf(ctx, op.table), op.table, op.check);
    await ctx.sink.viaQueryRunner((qr) => qr.dropCheckConstraint(op.table, check));
  },

  async createExclusion(op, ctx) {
    requireExclusionConstraints(ctx, op.table);
    await ctx.sink.viaQueryRunner((qr) => qr.createExclusionConstraint(op.table, toTableExclusion(op.exclusion)));
  },
  async dropExclusion(op, ctx) {
    requireExclusionConstraints(ctx, op.table);
    const exclusion = findExclusion(await tableOf(ctx, op.table), op.table, op.exclusion);
    await ctx.sink.viaQueryRunner((qr) => qr.dropExclusionConstraint(op.table, exclusion));
  },

  async createForeignKey(op, ctx) {
    await ctx.sink.viaQueryRunner((qr) => qr.createForeignKey(op.table, toTableForeignKey(op.foreignKey)));
  },
  async dropForeignKey(op, ctx) {
    const foreignKey = findForeignKey(await tableOf(ctx, op.table), op.table, op.foreignKey);
    await ctx.sink.viaQueryRunner((qr) => qr.dropForeignKey(op.table, foreignKey));
  },

  async createPrimaryKey(op, ctx) {
    await ctx.sink.viaQueryRunner((qr) => qr.createPrimaryKey(op.table, op.columnNames, op.name));
  },
  async dropPrimaryKey(op, ctx) {
    await ctx.sink.viaQueryRunner((qr) => qr.dropPrimaryKey(op.table, op.name));
  },
};
