/**
 * Make the op order safe to execute and to reverse:
 * - foreign keys of dropped tables are dropped first, as separate ops, so tables can then be
 *   dropped in any order (and the downgrade recreates all tables before any foreign key);
 * - dropped tables go last, after everything that might still reference them;
 * - foreign keys of created tables go into the `createTable` when the referenced table exists
 *   by then (one statement, and no SQLite rebuild), and created tables are ordered so that a
 *   table comes after the tables it references. Cycles keep a separate `createForeignKey`
 *   after all creates.
 */
import { localTableName } from '../../ops/table-path';
import type { ForeignKeySpec, Op, OpOf } from '../../ops/types';
import { carryFindings, type Pass, type PassState } from './pass';

function withoutForeignKeys(op: OpOf<'dropTable'>): { fks: Op[]; drop: OpOf<'dropTable'> } {
  if (typeof op.table === 'string' || !op.table.foreignKeys?.length) return { fks: [], drop: op };
  const name = op.table.name;
  const fks: Op[] = op.table.foreignKeys.map((foreignKey) => ({ kind: 'dropForeignKey', table: name, foreignKey }));
  const { foreignKeys: _moved, ...rest } = op.table;
  return { fks, drop: { kind: 'dropTable', table: rest } };
}

/** Same table, however qualified (`public.user` vs `user`). */
function sameTable(a: string, b: string, defaultSchema?: string): boolean {
  return localTableName(a, defaultSchema) === localTableName(b, defaultSchema);
}

function referenced(fk: ForeignKeySpec): string {
  return fk.referencedSchema && !fk.referencedTableName.includes('.') ? `${fk.referencedSchema}.${fk.referencedTableName}` : fk.referencedTableName;
}

/** Order creates so each follows the tables it references; FKs that close a cycle are returned separately. */
function orderCreates(creates: OpOf<'createTable'>[], defaultSchema?: string): { creates: OpOf<'createTable'>[]; deferred: Op[] } {
  const pending = [...creates];
  const done: OpOf<'createTable'>[] = [];
  const deferred: Op[] = [];
  const isPendingTarget = (fk: ForeignKeySpec, self: string) =>
    pending.some((p) => p.table.name !== self && sameTable(p.table.name, referenced(fk), defaultSchema));
  while (pending.length > 0) {
    const ready = pending.findIndex((c) => !(c.table.foreignKeys ?? []).some((fk) => isPendingTarget(fk, c.table.name)));
    if (ready >= 0) {
      done.push(...pending.splice(ready, 1));
      continue;
    }
    // A cycle: create the first table without the foreign keys that point at pending tables.
    const [first] = pending.splice(0, 1);
    const keep = (first.table.foreignKeys ?? []).filter((fk) => !isPendingTarget(fk, first.table.name));
    const later = (first.table.foreignKeys ?? []).filter((fk) => isPendingTarget(fk, first.table.name));
    deferred.push(...later.map((foreignKey): Op => ({ kind: 'createForeignKey', table: first.table.name, foreignKey })));
    done.push({ ...first, table: { ...first.table, foreignKeys: keep } });
  }
  return { creates: done, deferred };
}

export function orderOps(state: PassState, defaultSchema?: string): PassState {
  const createdNames = new Set(state.ops.flatMap((op) => (op.kind === 'createTable' ? [op.table.name] : [])));
  // Fold the builder's `createForeignKeys` for new tables into their `createTable`.
  const folded = new Map<string, ForeignKeySpec[]>();
  const rest: Op[] = [];
  for (const op of state.ops) {
    if (op.kind === 'createForeignKey' && createdNames.has(op.table)) {
      folded.set(op.table, [...(folded.get(op.table) ?? []), op.foreignKey]);
    } else rest.push(op);
  }
  const creates = rest
    .filter((op): op is OpOf<'createTable'> => op.kind === 'createTable')
    .map((op) => {
      const fks = folded.get(op.table.name);
      return fks ? { ...op, table: { ...op.table, foreignKeys: [...(op.table.foreignKeys ?? []), ...fks] } } : op;
    });
  const ordered = orderCreates(creates, defaultSchema);

  const fkDrops: Op[] = [];
  const tableDrops: Op[] = [];
  const middle: Op[] = [];
  const replacements = new Map<Op, Op[]>();
  let createsPlaced = false;
  for (const op of rest) {
    if (op.kind === 'dropTable') {
      const { fks, drop } = withoutForeignKeys(op);
      fkDrops.push(...fks);
      tableDrops.push(drop);
      replacements.set(op, [drop]);
    } else if (op.kind === 'dropForeignKey') {
      fkDrops.push(op);
    } else if (op.kind === 'createTable') {
      // All creates stand where the first one stood, in dependency order.
      if (!createsPlaced) middle.push(...ordered.creates, ...ordered.deferred);
      createsPlaced = true;
    } else middle.push(op);
  }
  // Schemas first: tables are created in them.
  const schemas = middle.filter((op) => op.kind === 'createSchema');
  const others = middle.filter((op) => op.kind !== 'createSchema');
  return { ops: [...schemas, ...fkDrops, ...others, ...tableDrops], destructive: carryFindings(state.destructive, replacements) };
}

export const orderingPass: Pass = { name: 'ordering', run: (state, ctx) => orderOps(state, ctx.scope.defaultSchema) };
