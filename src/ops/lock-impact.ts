/**
 * What an op does to the tables it touches while it runs: the lock it takes, whether that lock
 * holds off the application's reads or writes, and the work done under it. An op that holds a
 * write-blocking lock while it scans, rewrites or builds over a table blocks the app for as long
 * as the table is big; one that holds it for a catalog update only blocks for milliseconds (and
 * `ddlLockTimeout` keeps it from queueing in front of the app). Each dialect says which is which
 * (`Dialect.locking`); `check`, `revision --autogenerate` and `upgrade --sql` report it.
 */
import type { Op, OpOf } from './types';

/**
 * The work done under the lock: `none` (a catalog update), `scan` (reads every row to validate),
 * `build` (builds an index over every row), `rewrite` (writes the whole table anew), `unknown`
 * (raw SQL: nobody can tell).
 */
export type TableWork = 'none' | 'scan' | 'build' | 'rewrite' | 'unknown';

export interface LockImpact {
  /** The table, as the op names it; absent for raw SQL, whose tables are not known. */
  table?: string;
  /** The lock in the database's words (`ACCESS EXCLUSIVE`, `SHARE`, `LOCK=NONE`). */
  lock: string;
  blocksWrites: boolean;
  blocksReads: boolean;
  work: TableWork;
}

/** An estimate of a table's size, read from the catalog. */
export interface TableSize {
  rows: number;
  /** Table, indexes and TOAST, where the database tells it. */
  bytes?: number;
}

/** Holds the app's writes (or reads) for as long as its work takes, which grows with the table. */
export function isBlocking(impact: LockImpact): boolean {
  return (impact.blocksWrites || impact.blocksReads) && impact.work !== 'none';
}

/** `raw SQL`: the op's impact cannot be told. */
export const UNKNOWN_IMPACT: LockImpact = { lock: 'unknown', blocksWrites: true, blocksReads: true, work: 'unknown' };

/** Each op kind's impacts: a dialect's dispatch table. */
export type ImpactTable = { [K in Op['kind']]: (op: OpOf<K>) => LockImpact[] };

/**
 * The same on every dialect: schemas and views lock no table that holds rows, seed rows take row
 * locks only, and raw SQL cannot be told.
 */
export const SHARED_IMPACTS = {
  createSchema: () => [],
  dropSchema: () => [],
  createView: () => [],
  dropView: () => [],
  execute: () => [UNKNOWN_IMPACT],
  bulkInsert: () => [],
  bulkDelete: () => [],
} satisfies Partial<ImpactTable>;

/** `impacts(op)` from a dispatch table. */
export function impactsFrom(table: ImpactTable): (op: Op) => LockImpact[] {
  return (op) => (table[op.kind] as (op: Op) => LockImpact[])(op);
}
