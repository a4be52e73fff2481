/**
 * Make the op order safe to execute and to reverse:
 * - foreign keys of dropped tables are dropped first, as separate ops, so tables can then be
 *   dropped in any order (and the downgrade recreates all tables before any foreign key);
 * - dropped tables go last, after everything that might still reference them;
 * - what the schema builder creates on a table created in the same revision (indices, uniques,
 *   checks: a many-to-many junction table mapped by an entity as well gets its indices this way)
 *   goes into that `createTable`, so nothing can run before its table exists, and the downgrade's
 *   `dropTable` takes it along (MySQL refuses to drop an index a foreign key still needs);
 * - foreign keys of created tables go into the `createTable` when the referenced table exists
 *   by then (one statement, and no SQLite rebuild), and created tables are ordered so that a
 *   table comes after the tables it references. Cycles keep a separate `createForeignKey`
 *   after all creates. A foreign key to an existing table that this revision also changes (the
 *   referenced column is added, or made unique, later in the list) stays where the builder put
 *   it, after those changes.
 */
import { opTables } from '../../ops/op-tables';
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
    const { foreignKeys: _all, ...rest } = first.table;
    done.push({ ...first, table: keep.length > 0 ? { ...rest, foreignKeys: keep } : rest });
  }
  return { creates: done, deferred };
}

/** The columns an op adds, changes or constrains (what a foreign key to them must wait for). */
function columnsOf(op: Op): readonly string[] {
  switch (op.kind) {
    case 'addColumn':
    case 'dropColumn':
      return [typeof op.column === 'string' ? op.column : op.column.name];
    case 'alterColumn':
      return [op.column];
    case 'renameColumn':
      return [op.from, op.to];
    case 'createIndex':
    case 'dropIndex':
      return typeof op.index === 'string' ? [] : op.index.columnNames;
    case 'createUnique':
    case 'dropUnique':
      return typeof op.unique === 'string' ? [] : op.unique.columnNames;
    case 'createPrimaryKey':
    case 'dropPrimaryKey':
      return op.columnNames;
    default:
      return [];
  }
}

/** Ops that can live in the `createTable` of their table. */
const FOLDABLE: ReadonlySet<Op['kind']> = new Set(['createIndex', 'createUnique', 'createCheck', 'createForeignKey']);

function withFolded(op: OpOf<'createTable'>, parts: readonly Op[]): OpOf<'createTable'> {
  const table = { ...op.table };
  for (const part of parts) {
    if (part.kind === 'createIndex') table.indices = [...(table.indices ?? []), part.index];
    else if (part.kind === 'createUnique') table.uniques = [...(table.uniques ?? []), part.unique];
    else if (part.kind === 'createCheck') table.checks = [...(table.checks ?? []), part.check];
    else if (part.kind === 'createForeignKey') table.foreignKeys = [...(table.foreignKeys ?? []), part.foreignKey];
  }
  return { ...op, table };
}

export function orderOps(state: PassState, defaultSchema?: string): PassState {
  const created = state.ops.flatMap((op) => (op.kind === 'createTable' ? [op.table.name] : []));
  const createdAs = (name: string) => created.find((c) => sameTable(c, name, defaultSchema));
  // A foreign key to an existing table waits for the revision's changes to the columns it references.
  const waits = (fk: ForeignKeySpec) =>
    !createdAs(referenced(fk)) &&
    state.ops.some((op) => op.kind !== 'createTable' && sameTable(opTables(op)[0] ?? '', referenced(fk), defaultSchema) && columnsOf(op).some((c) => fk.referencedColumnNames.includes(c)));
  const folded = new Map<string, Op[]>();
  const rest: Op[] = [];
  const replacements = new Map<Op, Op[]>();
  for (const op of state.ops) {
    const into = FOLDABLE.has(op.kind) ? createdAs(opTables(op)[0] ?? '') : undefined;
    if (into === undefined || (op.kind === 'createForeignKey' && waits(op.foreignKey))) {
      rest.push(op);
      continue;
    }
    folded.set(into, [...(folded.get(into) ?? []), op]);
    replacements.set(op, []);
  }
  const creates = rest
    .filter((op): op is OpOf<'createTable'> => op.kind === 'createTable')
    .map((op) => withFolded(op, folded.get(op.table.name) ?? []));
  const ordered = orderCreates(creates, defaultSchema);

  const fkDrops: Op[] = [];
  const tableDrops: Op[] = [];
  const middle: Op[] = [];
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
