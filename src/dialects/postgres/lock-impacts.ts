/**
 * What each op locks on PostgreSQL, from the lock tables of the manual's ALTER TABLE, CREATE INDEX
 * and explicit-locking pages (15). Most ALTER TABLE forms take ACCESS EXCLUSIVE, which holds off
 * reads and writes: harmless for a catalog update, costly under a scan or a rewrite. Adding a
 * foreign key takes SHARE ROW EXCLUSIVE on both tables and validates under it; a plain CREATE
 * INDEX takes SHARE (reads go on, writes wait) while it builds; CONCURRENTLY takes SHARE UPDATE
 * EXCLUSIVE, which blocks neither.
 */
import { impactsFrom, SHARED_IMPACTS, type ImpactTable, type LockImpact, type TableSize, type TableWork } from '../../ops/lock-impact';
import type { ColumnSpec, OpOf } from '../../ops/types';
import type { DialectLocking, Queryable } from '../dialect';
import { quotePath, quoteWith } from '../sql-text';
import { isConcurrentOnPostgres } from './view-indexes';

const accessExclusive = (table: string, work: TableWork = 'none'): LockImpact => ({
  table,
  lock: 'ACCESS EXCLUSIVE',
  blocksWrites: true,
  blocksReads: true,
  work,
});
const shareRowExclusive = (table: string, work: TableWork): LockImpact => ({ table, lock: 'SHARE ROW EXCLUSIVE', blocksWrites: true, blocksReads: false, work });
const shareUpdateExclusive = (table: string, work: TableWork): LockImpact => ({ table, lock: 'SHARE UPDATE EXCLUSIVE', blocksWrites: false, blocksReads: false, work });

const nameOf = (table: string | { name: string }): string => (typeof table === 'string' ? table : table.name);

/** The table a foreign key references, qualified as the op's own table would be. */
function referencedTable(fk: { referencedTableName: string; referencedSchema?: string }): string {
  return fk.referencedSchema && !fk.referencedTableName.includes('.') ? `${fk.referencedSchema}.${fk.referencedTableName}` : fk.referencedTableName;
}

const IMPACTS: ImpactTable = {
  // A new table: nobody else uses it. Its foreign keys lock the tables they reference, briefly:
  // the new table is empty, so there is nothing to validate.
  createTable: (op) => (op.table.foreignKeys ?? []).map((fk) => shareRowExclusive(referencedTable(fk), 'none')),
  dropTable: (op) => [accessExclusive(nameOf(op.table))],
  renameTable: (op) => [accessExclusive(op.from)],
  addColumn: (op) => [accessExclusive(op.table, addColumnWork(op.column))],
  dropColumn: (op) => [accessExclusive(op.table)],
  renameColumn: (op) => [accessExclusive(op.table)],
  alterColumn: (op) => (op.online ? onlineAlter(op) : [accessExclusive(op.table, alterColumnWork(op))]),
  createIndex: (op) =>
    op.index.isConcurrent || op.online
      ? [shareUpdateExclusive(op.table, 'build')]
      : [{ table: op.table, lock: 'SHARE', blocksWrites: true, blocksReads: false, work: 'build' }],
  dropIndex: (op) => (isConcurrentOnPostgres(op) ? [shareUpdateExclusive(op.table, 'none')] : [accessExclusive(op.table)]),
  // Online: a concurrent unique index, then a catalog update that makes it the constraint.
  createUnique: (op) => (op.online ? [shareUpdateExclusive(op.table, 'build'), accessExclusive(op.table)] : [accessExclusive(op.table, 'build')]),
  dropUnique: (op) => [accessExclusive(op.table)],
  // Online: added NOT VALID (a catalog update), then validated under SHARE UPDATE EXCLUSIVE.
  createCheck: (op) => (op.online ? [accessExclusive(op.table), shareUpdateExclusive(op.table, 'scan')] : [accessExclusive(op.table, 'scan')]),
  dropCheck: (op) => [accessExclusive(op.table)],
  createExclusion: (op) => [accessExclusive(op.table, 'build')],
  dropExclusion: (op) => [accessExclusive(op.table)],
  // Validation reads both tables under the lock.
  // Online: added NOT VALID, then VALIDATE takes SHARE UPDATE EXCLUSIVE on the table and ROW SHARE on the referenced one.
  createForeignKey: (op) =>
    op.online
      ? [
          shareRowExclusive(op.table, 'none'),
          shareRowExclusive(referencedTable(op.foreignKey), 'none'),
          shareUpdateExclusive(op.table, 'scan'),
          { table: referencedTable(op.foreignKey), lock: 'ROW SHARE', blocksWrites: false, blocksReads: false, work: 'scan' },
        ]
      : [shareRowExclusive(op.table, 'scan'), shareRowExclusive(referencedTable(op.foreignKey), 'scan')],
  dropForeignKey: (op) => [
    accessExclusive(op.table),
    ...(typeof op.foreignKey === 'string' ? [] : [shareRowExclusive(referencedTable(op.foreignKey), 'none')]),
  ],
  createPrimaryKey: (op) => [accessExclusive(op.table, 'build')],
  dropPrimaryKey: (op) => [accessExclusive(op.table)],
  setTableComment: (op) => [shareUpdateExclusive(op.table, 'none')],
  ...SHARED_IMPACTS,
};

/**
 * Since PostgreSQL 11 a column with a constant (or stable, as `now()`) default is added without
 * touching the rows; a volatile default (a sequence for serial/identity, a random uuid) or a
 * stored generated column fills every row; NOT NULL without a default checks every row (and fails
 * on a table with rows).
 */
function addColumnWork(column: ColumnSpec): TableWork {
  if (column.asExpression && column.generatedType !== 'VIRTUAL') return 'rewrite';
  if (column.isGenerated || column.generatedIdentity) return 'rewrite';
  if (typeof column.default === 'string' && /\b(random|gen_random_uuid|uuid_generate_v[14]\w*|nextval|clock_timestamp)\s*\(/i.test(column.default)) return 'rewrite';
  if (column.isNullable === false && (column.default === undefined || column.default === null)) return 'scan';
  return 'none';
}

/** Properties whose change goes through `ALTER COLUMN … TYPE`. */
const TYPE_PROPERTIES = ['type', 'length', 'precision', 'scale', 'isArray', 'collation', 'asExpression', 'generatedType', 'enumName'] as const;

function alterColumnWork(op: OpOf<'alterColumn'>): TableWork {
  const { changes, existing } = op;
  const work: TableWork[] = [];
  if (TYPE_PROPERTIES.some((p) => p in changes)) work.push(typeChangeWork(existing, { ...existing, ...changes } as ColumnSpec));
  else if ('enum' in changes) work.push(enumChangeWork(existing?.enum, changes.enum));
  if (changes.isNullable === false && existing?.isNullable !== false) work.push('scan');
  if (changes.isUnique === true && !existing?.isUnique) work.push('build');
  return heaviest(work);
}

/**
 * An online alter: SET NOT NULL's check is validated under SHARE UPDATE EXCLUSIVE (the scan;
 * writes go on), then NOT NULL is set without a scan; a unique column's index is built
 * concurrently, then attached. The alter's other changes weigh as usual.
 */
function onlineAlter(op: OpOf<'alterColumn'>): LockImpact[] {
  const { isNullable, isUnique, ...rest } = op.changes;
  const online: LockImpact[] = [];
  if (isNullable === false) online.push(shareUpdateExclusive(op.table, 'scan'));
  if (isUnique === true) online.push(shareUpdateExclusive(op.table, 'build'));
  const changes = { ...rest, ...(isNullable !== false && isNullable !== undefined && { isNullable }), ...(isUnique !== true && isUnique !== undefined && { isUnique }) };
  const existing = op.existing && { ...op.existing, isNullable: isNullable ?? op.existing.isNullable, isUnique: isUnique ?? op.existing.isUnique };
  return [...online, accessExclusive(op.table, alterColumnWork({ ...op, changes, ...(existing && { existing }) }))];
}

const WEIGHT: Record<TableWork, number> = { none: 0, scan: 1, build: 2, rewrite: 3, unknown: 4 };
const heaviest = (work: readonly TableWork[]): TableWork => work.reduce<TableWork>((a, b) => (WEIGHT[b] > WEIGHT[a] ? b : a), 'none');

/** `character varying` and `varchar` alike. */
function baseType(type: string | undefined): string {
  const t = (type ?? '').toLowerCase();
  if (t === 'character varying') return 'varchar';
  if (t === 'decimal') return 'numeric';
  return t;
}

/**
 * The binary-coercible changes PostgreSQL makes without a rewrite: a varchar made longer (or
 * unlimited, or text), a numeric given more precision at the same scale. Everything else
 * (integer → bigint, a shorter varchar, timestamp → timestamptz) rewrites the table.
 */
function typeChangeWork(before: ColumnSpec | undefined, after: ColumnSpec): TableWork {
  if (!before) return 'rewrite';
  if (Boolean(before.isArray) !== Boolean(after.isArray) || before.asExpression !== after.asExpression || before.collation !== after.collation) return 'rewrite';
  const from = baseType(before.type);
  const to = baseType(after.type);
  const length = (c: ColumnSpec) => (c.length === undefined || c.length === '' ? Infinity : Number(c.length));
  if (from === 'varchar' && to === 'varchar') return length(after) >= length(before) ? 'none' : 'rewrite';
  if ((from === 'varchar' || from === 'text') && to === 'text') return 'none';
  if (from === 'numeric' && to === 'numeric') {
    const unconstrained = after.precision === undefined || after.precision === null;
    const wider = unconstrained || (before.precision != null && after.precision! >= before.precision && (before.scale ?? 0) === (after.scale ?? 0));
    return wider ? 'none' : 'rewrite';
  }
  return from === to && before.length === after.length && before.precision === after.precision && before.scale === after.scale ? 'none' : 'rewrite';
}

/** Labels added in place (ALTER TYPE … ADD VALUE) need no rewrite; a removed or reordered one rebuilds the type. */
function enumChangeWork(before: readonly string[] | undefined, after: readonly string[] | undefined): TableWork {
  if (!before || !after) return 'rewrite';
  const kept = after.filter((label) => before.includes(label));
  return kept.length === before.length && kept.every((label, i) => label === before[i]) ? 'none' : 'rewrite';
}

/**
 * Rows from the planner's estimate (`reltuples`, kept by ANALYZE and autovacuum); a table never
 * analyzed (-1) is counted. Bytes with its indexes and TOAST.
 */
async function tableSizes(db: Queryable, tables: readonly string[], defaultSchema?: string): Promise<Map<string, TableSize>> {
  const sizes = new Map<string, TableSize>();
  if (tables.length === 0) return sizes;
  const paths = tables.map((t) => quotedPath(t.includes('.') || !defaultSchema ? t : `${defaultSchema}.${t}`));
  const rows = (await db.query(
    `SELECT t.i, c.reltuples::float8 AS rows, pg_total_relation_size(c.oid)::float8 AS bytes
       FROM unnest($1::text[]) WITH ORDINALITY AS t(path, i)
       JOIN pg_class c ON c.oid = to_regclass(t.path) AND c.relkind IN ('r', 'p')`,
    [paths],
  )) as { i: string; rows: number; bytes: number }[];
  for (const row of rows) {
    const i = Number(row.i) - 1;
    let count = Number(row.rows);
    if (count < 0) {
      const [{ n }] = (await db.query(`SELECT count(*)::float8 AS n FROM ${paths[i]}`)) as { n: number }[];
      count = Number(n);
    }
    sizes.set(tables[i], { rows: count, bytes: Number(row.bytes) });
  }
  return sizes;
}

/** `"audit"."event"` for to_regclass, which folds unquoted names to lower case. */
const quotedPath = (table: string): string => quotePath((name) => quoteWith('"', name), table);

export const postgresLocking: DialectLocking = {
  impacts: impactsFrom(IMPACTS),
  tableSizes,
};
