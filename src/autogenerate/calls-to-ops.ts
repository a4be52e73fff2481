/**
 * Recorded schema-builder calls → our op list. One entry per QueryRunner method the builder
 * uses; a method without an entry is an error rather than a silently missing change.
 *
 * Drop ops carry the full definition taken from the *old* TypeORM object (cloned at call time),
 * so the downgrade recreates exactly what was there.
 */
import type { DataSource, Table, TableCheck, TableColumn, TableExclusion, TableForeignKey, TableIndex, TableUnique, View } from 'typeorm';
import { fromTableCheck, fromTableExclusion, fromTableIndex, fromTableUnique } from '../ops/from-typeorm';
import type { ColumnSpec, Op, ViewSpec } from '../ops/types';
import { OpError } from '../errors';
import { localTableName } from '../ops/table-path';
import type { RecordedCall } from './record-schema-builder';
import { columnSpec, foreignKeySpec, tableSpec, type SpecContext } from './specs';
import { columnChanges } from './column-changes';

export interface CallContext extends SpecContext {
  dataSource: DataSource;
}

type CallConverter = (args: readonly unknown[], ctx: CallContext) => Op[];

const table = (args: readonly unknown[]): Table => args[0] as Table;
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : [value as T]);

function viewToSpec(view: View, ctx: CallContext): ViewSpec {
  const expression =
    typeof view.expression === 'string' ? view.expression.trim() : view.expression(ctx.dataSource).getQuery();
  return { name: view.name, expression, ...(view.materialized && { materialized: true }) };
}

const converters: Record<string, CallConverter> = {
  createTable: (args, ctx) => [{ kind: 'createTable', table: tableSpec(table(args), ctx) }],
  dropTable: (args, ctx) => [{ kind: 'dropTable', table: tableSpec(table(args), ctx) }],
  addColumns: (args) =>
    list<TableColumn>(args[1]).map((c) => ({ kind: 'addColumn', table: table(args).name, column: columnSpec(c) })),
  addColumn: (args, ctx) => converters.addColumns(args, ctx),
  dropColumns: (args) =>
    list<TableColumn>(args[1]).map((c) => ({ kind: 'dropColumn', table: table(args).name, column: columnSpec(c) })),
  dropColumn: (args, ctx) => converters.dropColumns(args, ctx),
  renameColumn: (args) => {
    const from = args[1] as TableColumn | string;
    const to = args[2] as TableColumn | string;
    return [
      {
        kind: 'renameColumn',
        table: table(args).name,
        from: typeof from === 'string' ? from : from.name,
        to: typeof to === 'string' ? to : to.name,
      },
    ];
  },
  changeColumns: (args) =>
    list<{ oldColumn: TableColumn; newColumn: TableColumn }>(args[1]).map(({ oldColumn, newColumn }) =>
      alterOp(table(args).name, columnSpec(oldColumn), columnSpec(newColumn)),
    ),
  changeColumn: (args) => {
    const old = args[1] as TableColumn;
    return [alterOp(table(args).name, columnSpec(old), columnSpec(args[2] as TableColumn))];
  },
  updatePrimaryKeys: (args) => {
    const t = table(args);
    const oldColumns = t.primaryColumns.map((c) => c.name);
    const newColumns = list<TableColumn>(args[1]).map((c) => c.name);
    const ops: Op[] = [];
    if (oldColumns.length > 0) ops.push({ kind: 'dropPrimaryKey', table: t.name, columnNames: oldColumns });
    ops.push({ kind: 'createPrimaryKey', table: t.name, columnNames: newColumns });
    return ops;
  },
  createIndices: (args) =>
    list<TableIndex>(args[1]).map((i) => ({ kind: 'createIndex', table: table(args).name, index: fromTableIndex(i) })),
  createIndex: (args, ctx) => converters.createIndices(args, ctx),
  createViewIndices: (args, ctx) => converters.createIndices(args, ctx),
  dropIndices: (args) =>
    list<TableIndex>(args[1]).map((i) => ({ kind: 'dropIndex', table: table(args).name, index: fromTableIndex(i) })),
  dropIndex: (args, ctx) => converters.dropIndices(args, ctx),
  dropViewIndex: (args, ctx) => converters.dropIndices(args, ctx),
  createUniqueConstraints: (args) =>
    list<TableUnique>(args[1]).map((u) => ({ kind: 'createUnique', table: table(args).name, unique: fromTableUnique(u) })),
  createUniqueConstraint: (args, ctx) => converters.createUniqueConstraints(args, ctx),
  dropUniqueConstraints: (args) =>
    list<TableUnique>(args[1]).map((u) => ({ kind: 'dropUnique', table: table(args).name, unique: fromTableUnique(u) })),
  dropUniqueConstraint: (args, ctx) => converters.dropUniqueConstraints(args, ctx),
  createCheckConstraints: (args) =>
    list<TableCheck>(args[1]).map((c) => ({ kind: 'createCheck', table: table(args).name, check: fromTableCheck(c) })),
  createCheckConstraint: (args, ctx) => converters.createCheckConstraints(args, ctx),
  dropCheckConstraints: (args) =>
    list<TableCheck>(args[1]).map((c) => ({ kind: 'dropCheck', table: table(args).name, check: fromTableCheck(c) })),
  dropCheckConstraint: (args, ctx) => converters.dropCheckConstraints(args, ctx),
  createExclusionConstraints: (args) =>
    list<TableExclusion>(args[1]).map((e) => ({ kind: 'createExclusion', table: table(args).name, exclusion: fromTableExclusion(e) })),
  createExclusionConstraint: (args, ctx) => converters.createExclusionConstraints(args, ctx),
  dropExclusionConstraints: (args) =>
    list<TableExclusion>(args[1]).map((e) => ({ kind: 'dropExclusion', table: table(args).name, exclusion: fromTableExclusion(e) })),
  dropExclusionConstraint: (args, ctx) => converters.dropExclusionConstraints(args, ctx),
  createForeignKeys: (args, ctx) =>
    list<TableForeignKey>(args[1]).map((fk) => ({
      kind: 'createForeignKey',
      table: table(args).name,
      foreignKey: foreignKeySpec(fk, ctx),
    })),
  createForeignKey: (args, ctx) => converters.createForeignKeys(args, ctx),
  dropForeignKeys: (args, ctx) =>
    list<TableForeignKey>(args[1]).map((fk) => ({
      kind: 'dropForeignKey',
      table: table(args).name,
      foreignKey: foreignKeySpec(fk, ctx),
    })),
  dropForeignKey: (args, ctx) => converters.dropForeignKeys(args, ctx),
  changeTableComment: (args) => {
    const t = table(args);
    const comment = (args[1] as string | null | undefined) ?? null;
    return [{ kind: 'setTableComment', table: t.name, comment, existing: t.comment ?? null }];
  },
  createView: (args, ctx) => [{ kind: 'createView', view: viewToSpec(args[0] as View, ctx) }],
  dropView: (args, ctx) => [{ kind: 'dropView', view: viewToSpec(args[0] as View, ctx) }],
};

function alterOp(tableName: string, existing: ColumnSpec, next: ColumnSpec): Op {
  return { kind: 'alterColumn', table: tableName, column: existing.name, changes: columnChanges(existing, next), existing };
}

/** `index:IDX_x:a,b` — how a constraint is recognised when the builder creates it again. */
function constraintKey(kind: 'index' | 'unique' | 'check' | 'fk', table: string, name: string | undefined, columns: readonly string[] = []): string {
  return [kind, table, name ?? '', [...columns].sort().join(',')].join('\u0000');
}

function createdConstraintKey(op: Op): string | undefined {
  if (op.kind === 'createIndex') return constraintKey('index', op.table, op.index.name, op.index.columnNames);
  if (op.kind === 'createUnique') return constraintKey('unique', op.table, op.unique.name, op.unique.columnNames);
  if (op.kind === 'createCheck') return constraintKey('check', op.table, op.check.name);
  if (op.kind === 'createForeignKey') return constraintKey('fk', op.table, op.foreignKey.name, op.foreignKey.columnNames);
  return undefined;
}

/**
 * The indices, uniques, checks and foreign keys on the changed columns that TypeORM loses with
 * its DROP + ADD of a column whose type, length or array-ness changes (PostgreSQL, MySQL), and
 * that its schema builder therefore creates again later. Our alterColumn changes such a column in
 * place (see safe-alter.ts), so they are still there and creating them again would fail. A stored
 * generated column keeps TypeORM's drop + add, and so its re-creates.
 */
function keptByInPlaceAlter(call: RecordedCall): string[] {
  if (call.method !== 'changeColumns' && call.method !== 'changeColumn') return [];
  const t = table(call.args);
  const pairs =
    call.method === 'changeColumns'
      ? list<{ oldColumn: TableColumn; newColumn: TableColumn }>(call.args[1])
      : [{ oldColumn: call.args[1] as TableColumn, newColumn: call.args[2] as TableColumn }];
  const changed = pairs
    .filter(({ oldColumn: o, newColumn: n }) => !n.asExpression && (o.type !== n.type || (o.length ?? '') !== (n.length ?? '') || !!o.isArray !== !!n.isArray))
    .map(({ oldColumn }) => oldColumn.name);
  if (changed.length === 0) return [];
  const touches = (columns: readonly string[] | undefined) => (columns ?? []).some((c) => changed.includes(c));
  return [
    ...t.indices.filter((i) => touches(i.columnNames)).map((i) => constraintKey('index', t.name, i.name, i.columnNames)),
    ...t.uniques.filter((u) => touches(u.columnNames)).map((u) => constraintKey('unique', t.name, u.name, u.columnNames)),
    ...t.checks.filter((c) => touches(c.columnNames)).map((c) => constraintKey('check', t.name, c.name)),
    ...t.foreignKeys.filter((fk) => touches(fk.columnNames)).map((fk) => constraintKey('fk', t.name, fk.name, fk.columnNames)),
  ];
}

/**
 * The call's table (or view) named as ops name tables (see `localTableName`): under a data source's
 * `schema` option TypeORM names the tables it read `app.user` and the entities' tables `user`.
 * The arguments are the recorder's own clones.
 */
function localizeTableArg(call: RecordedCall, defaultSchema: string | undefined): void {
  const first = call.args[0] as { name?: unknown } | undefined;
  if (typeof first === 'object' && first !== null && typeof first.name === 'string') first.name = localTableName(first.name, defaultSchema);
}

export function callsToOps(calls: readonly RecordedCall[], ctx: CallContext): Op[] {
  const ops: Op[] = [];
  const kept = new Set<string>();
  for (const call of calls) {
    // A call that produced no SQL changed nothing (e.g. `changeTableComment` with the same comment).
    if (call.upSql.length === 0) continue;
    localizeTableArg(call, ctx.defaultSchema);
    const convert = converters[call.method];
    if (!convert) {
      throw new OpError('OP_INVALID', `autogenerate: TypeORM's schema builder called ${call.method}(), which entity-migrate does not understand yet`);
    }
    for (const key of keptByInPlaceAlter(call)) kept.add(key);
    for (const op of convert(call.args, ctx)) {
      const key = createdConstraintKey(op);
      if (key !== undefined && kept.delete(key)) continue;
      ops.push(op);
    }
  }
  return ops;
}
