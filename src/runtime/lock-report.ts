/**
 * The lock report: for each op, what it locks, whether the app's reads or writes wait meanwhile,
 * the work done under the lock, and how big the table is (the catalog's estimate). An op that holds
 * off writes while it scans, builds or rewrites a large table (`largeTableRows`) is a warning:
 * the app waits for as long as that takes. Raw SQL is reported as unknown. `check`,
 * `revision --autogenerate` and `upgrade --sql` print it; `check --strict` fails on a warning.
 */
import type { DataSource } from 'typeorm';
import type { Dialect, Queryable } from '../dialects';
import { describeOp } from '../ops/describe';
import { isBlocking, type LockImpact, type TableSize } from '../ops/lock-impact';
import type { Op } from '../ops/types';
import type { BlockingChange } from '../autogenerate';

export interface SizedImpact extends LockImpact {
  /** The table's size before the run; absent for a table that does not exist yet (or raw SQL). */
  size?: TableSize;
  /** Blocks the app for as long as its work takes, on a large table. */
  warning: boolean;
}

export interface OpLocks {
  op: Op;
  /** `+ index IDX_x on orders (customer_id)`. */
  description: string;
  /** Empty when the op locks no existing table (a new table, a view, seed rows). */
  impacts: SizedImpact[];
}

export interface LockReport {
  ops: OpLocks[];
  /** The ops with a warning, in order. */
  warnings: OpLocks[];
  largeTableRows: number;
}

export async function lockReport(db: Queryable, dialect: Dialect, defaultSchema: string | undefined, ops: readonly Op[], largeTableRows: number): Promise<LockReport> {
  const planned = ops.map((op) => ({ op, impacts: dialect.locking.impacts(op) }));
  const tables = [...new Set(planned.flatMap((p) => p.impacts.flatMap((i) => i.table ?? [])))];
  const sizes = await dialect.locking.tableSizes(db, tables, defaultSchema);
  const report = planned.map(
    ({ op, impacts }): OpLocks => ({
      op,
      description: describeOp(op),
      impacts: existingTablesOnly(impacts, sizes).map((impact) => sizedImpact(impact, sizes, largeTableRows)),
    }),
  );
  return { ops: report, warnings: report.filter((o) => o.impacts.some((i) => i.warning)), largeTableRows };
}

/**
 * The impacts on tables that exist before the run (raw SQL's too, whose tables are unknown), once
 * each: the app cannot be waiting on a table the revision creates (a foreign key to a table made
 * earlier in the same revision, or to itself).
 */
function existingTablesOnly(impacts: readonly LockImpact[], sizes: ReadonlyMap<string, TableSize>): LockImpact[] {
  const seen = new Set<string>();
  return impacts.filter((impact) => {
    if (impact.table === undefined) return true;
    const key = `${impact.table}\0${impact.lock}\0${impact.work}`;
    if (!sizes.has(impact.table) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sizedImpact(impact: LockImpact, sizes: ReadonlyMap<string, TableSize>, largeTableRows: number): SizedImpact {
  const size = impact.table === undefined ? undefined : sizes.get(impact.table);
  return { ...impact, ...(size && { size }), warning: isBlocking(impact) && impact.work !== 'unknown' && (size?.rows ?? 0) >= largeTableRows };
}

/** The report for `ops` against the data source's database, with the settings' threshold. */
export async function lockReportFor(dataSource: DataSource, dialect: Dialect, ops: readonly Op[], largeTableRows: number): Promise<LockReport> {
  const defaultSchema = await dialect.introspection.defaultSchema(dataSource);
  return lockReport(dataSource, dialect, defaultSchema, ops, largeTableRows);
}

const WORK_WORDS: Record<LockImpact['work'], string> = {
  none: 'for a catalog update',
  scan: 'while it reads every row',
  build: 'while it builds an index over every row',
  rewrite: 'while it rewrites every row',
  unknown: '',
};

function blocks(impact: LockImpact): string {
  if (impact.blocksReads && impact.blocksWrites) return 'blocks reads and writes';
  if (impact.blocksWrites) return 'blocks writes';
  return 'reads and writes go on';
}

/** `~1,000,000 rows, 72 MB`. */
export function describeSize(size: TableSize): string {
  const rows = `~${Math.round(size.rows).toLocaleString('en-US')} rows`;
  return size.bytes === undefined ? rows : `${rows}, ${describeBytes(size.bytes)}`;
}

function describeBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** `orders: SHARE, blocks writes while it builds an index over every row (~1,000,000 rows, 72 MB)`. */
export function describeImpact(impact: SizedImpact): string {
  if (impact.work === 'unknown') return 'raw SQL: what it locks is unknown';
  const size = impact.size ? ` (${describeSize(impact.size)})` : '';
  return `${impact.table}: ${impact.lock}, ${blocks(impact)} ${WORK_WORDS[impact.work]}${size}`;
}

/**
 * For an `--sql` script: the comment lines to print before each op's statements. The sizes of every
 * table are read once, before the script starts (the script changes nothing, so they stay right;
 * a table the script creates has none).
 */
export async function lockComments(dataSource: DataSource, dialect: Dialect, largeTableRows: number): Promise<(op: Op) => string[]> {
  const defaultSchema = await dialect.introspection.defaultSchema(dataSource);
  const tables = await dialect.introspection.tableNames(dataSource);
  const sizes = await dialect.locking.tableSizes(dataSource, tables, defaultSchema);
  return (op) =>
    existingTablesOnly(dialect.locking.impacts(op), sizes).map((impact) => {
      const sized = sizedImpact(impact, sizes, largeTableRows);
      return `${sized.warning ? 'WARNING blocking, ' : ''}lock: ${describeImpact(sized)}`;
    });
}

/**
 * Online mode: the ops that still hold off the app's reads or writes while they work on a table
 * that exists (no online form: a type change that rewrites it), whatever the table's size.
 */
export function blockingOps(report: LockReport): BlockingChange[] {
  return report.ops.flatMap(({ op, impacts }) =>
    impacts.filter((impact) => isBlocking(impact) && impact.work !== 'unknown').slice(0, 1).map((impact) => ({ op, reason: `${describeOp(op)}: ${describeImpact(impact)}` })),
  );
}
