/**
 * Exclusion constraints exist on some databases only (the dialect's `exclusionConstraints`).
 * Elsewhere TypeORM's runners would ignore them or fail with a message about a missing method, so
 * an op that creates or drops one stops first, naming its table.
 */
import { OpError } from '../../errors';
import type { ExecutionContext } from '../execution';

export function requireExclusionConstraints(ctx: ExecutionContext, table: string): void {
  if (!ctx.dialect.capabilities.exclusionConstraints) {
    throw new OpError('OP_INVALID', `table "${table}": exclusion constraints (EXCLUDE) are not supported by this database`);
  }
}
