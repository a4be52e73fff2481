import type { Op } from './types';

/**
 * `CREATE/DROP INDEX CONCURRENTLY`: PostgreSQL refuses it inside a transaction, so the runner
 * runs it between transactions (Alembic's `autocommit_block()`); other databases ignore the flag.
 */
export function isConcurrentIndexOp(op: Op): boolean {
  return (op.kind === 'createIndex' || op.kind === 'dropIndex') && typeof op.index !== 'string' && op.index.isConcurrent === true;
}
