/**
 * Which ops autogenerate writes in their online form on PostgreSQL (see online-ops.ts for how they
 * run). Indexes say it the way TypeORM users know, `isConcurrent: true`; constraints and SET NOT
 * NULL take `{ online: true }`. Drops of constraints are catalog updates already, but are marked
 * too: their inverse, in the downgrade, is a create that needs it.
 */
import type { Op } from '../../ops/types';
import type { DialectOnline } from '../dialect';

function mark(op: Op): Op | undefined {
  switch (op.kind) {
    case 'createIndex':
      return { ...op, index: { ...op.index, isConcurrent: true } };
    case 'dropIndex':
      return typeof op.index === 'string' ? { ...op, online: true } : { ...op, index: { ...op.index, isConcurrent: true } };
    case 'createUnique':
    case 'dropUnique':
    case 'createCheck':
    case 'dropCheck':
    case 'createForeignKey':
    case 'dropForeignKey':
      return { ...op, online: true };
    case 'alterColumn':
      // SET NOT NULL or a column made unique, or their undoing, whose inverse (the downgrade) does them.
      return 'isNullable' in op.changes || 'isUnique' in op.changes ? { ...op, online: true } : undefined;
    default:
      return undefined;
  }
}

export const postgresOnline: DialectOnline = { mark };
