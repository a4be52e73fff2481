/** `include` / `exclude`: ops on tables left out are dropped (see ../table-filter.ts). */
import { filterOps } from '../table-filter';
import { replaceOps, type Pass } from './pass';

export const includeExcludePass: Pass = {
  name: 'include-exclude',
  run(state, ctx) {
    if (!ctx.consider) return state;
    const kept = new Set(filterOps(state.ops, ctx.consider));
    return replaceOps(state, (op) => (kept.has(op) ? op : []));
  },
};
