import type { Op } from './types';

/**
 * The tables an op works on, as the op names them: both names of a rename, none for schemas,
 * views and raw SQL. A foreign key's referenced table is not among them.
 */
export function opTables(op: Op): string[] {
  switch (op.kind) {
    case 'createTable':
    case 'dropTable':
      return [typeof op.table === 'string' ? op.table : op.table.name];
    case 'renameTable':
      return [op.from, op.to];
    case 'createSchema':
    case 'dropSchema':
    case 'createView':
    case 'dropView':
    case 'execute':
      return [];
    default:
      return [op.table];
  }
}
