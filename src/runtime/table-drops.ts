/**
 * A generated revision that drops whole tables loses every row in them, and the usual cause is not
 * intent but a table the entities do not describe (another tool's `sessions`, a table a colleague
 * has not merged yet). So autogenerate writes one only when asked: `allowDrop` (`--allow-drop`),
 * or a yes to `confirmDrop` (the CLI asks on a terminal).
 */
import { StateError } from '../errors';
import type { Op } from '../ops/types';

/** Asked with the tables a revision would drop; resolve `true` to write it anyway. */
export type ConfirmDrop = (tables: string[]) => Promise<boolean>;

export interface DropConsent {
  /** Write a revision that drops tables without asking. Default false: refuse. */
  allowDrop?: boolean;
  /** Asked when the revision drops tables and `allowDrop` is not set. */
  confirmDrop?: ConfirmDrop;
}

export function droppedTables(ops: readonly Op[]): string[] {
  return ops.flatMap((op) => (op.kind === 'dropTable' ? [typeof op.table === 'string' ? op.table : op.table.name] : []));
}

export async function assertDropsAllowed(ops: readonly Op[], consent: DropConsent): Promise<void> {
  const tables = droppedTables(ops);
  if (tables.length === 0 || consent.allowDrop) return;
  if (consent.confirmDrop && (await consent.confirmDrop(tables))) return;
  throw new StateError(
    'DROP_REFUSED',
    `The revision would drop table${tables.length > 1 ? 's' : ''} ${tables.join(', ')} (no entity describes ${tables.length > 1 ? 'them' : 'it'}); ` +
      `nothing written. Pass --allow-drop (API: allowDrop: true) to drop, or add ${tables.length > 1 ? 'them' : 'it'} to "exclude" in the config to leave ${tables.length > 1 ? 'them' : 'it'} alone`,
  );
}
