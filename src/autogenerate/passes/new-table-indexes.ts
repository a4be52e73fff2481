/**
 * An index declared `concurrent` cannot be built inside a transaction (PostgreSQL). On a table
 * created in the same revision it is pointless (the table is empty and nobody holds it), so it is
 * built normally there; on an existing table the op keeps `isConcurrent` and the runner executes it
 * between transactions (`ExecutionDialect.runsOutsideTransaction`). Other databases ignore the flag
 * and keep it as written.
 */
import type { Op } from '../../ops/types';
import { replaceOps, type Pass } from './pass';

export const newTableIndexesPass: Pass = {
  name: 'new-table-indexes',
  run: (state, ctx) =>
    !ctx.dialect.capabilities.concurrentIndexes ? state : replaceOps(state, (op): Op => {
      if (op.kind !== 'createTable' || !op.table.indices?.some((i) => i.isConcurrent)) return op;
      const indices = op.table.indices.map(({ isConcurrent: _ignored, ...index }) => index);
      return { ...op, table: { ...op.table, indices } };
    }),
};
