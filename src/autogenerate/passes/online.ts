/**
 * Online mode (`online` config, `revision --autogenerate --online`): ops on tables that exist
 * before the revision are written in their online form, which takes only short locks (the
 * dialect's `online.mark`: on PostgreSQL concurrent indexes, NOT VALID + VALIDATE, a unique built
 * as an index first). Tables the revision creates are built as usual: nobody uses them yet.
 * Without `online`, or on a database without an online form (SQLite), nothing changes.
 */
import type { Op } from '../../ops/types';
import { replaceOps, type Pass } from './pass';

export const onlinePass: Pass = {
  name: 'online',
  run: (state, ctx) => {
    const online = ctx.online ? ctx.dialect.online : undefined;
    if (!online) return state;
    const created = new Set(state.ops.flatMap((op) => (op.kind === 'createTable' ? [op.table.name] : [])));
    return replaceOps(state, (op): Op => ('table' in op && typeof op.table === 'string' && !created.has(op.table) ? (online.mark(op) ?? op) : op));
  },
};
