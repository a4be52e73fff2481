/**
 * What each op locks on SQLite: every write takes the database's one write lock, so other writers
 * wait for the whole revision, whatever table they write (readers go on in WAL mode). The ops
 * that rebuild their table (new table, copy, drop, rename; see rebuild-batch.ts) hold it while
 * every row is copied; an index is built over every row.
 */
import { UNKNOWN_IMPACT, type LockImpact, type TableSize, type TableWork } from '../../ops/lock-impact';
import { opTables } from '../../ops/op-tables';
import type { Op } from '../../ops/types';
import type { DialectLocking, Queryable } from '../dialect';
import { quotePath, quoteWith } from '../sql-text';
import { REBUILD_ONLY } from './rebuild-batch';

const WRITE_LOCK = 'database write lock';

function work(op: Op): TableWork {
  if (REBUILD_ONLY.has(op.kind)) return 'rewrite';
  if (op.kind === 'createIndex') return 'build';
  return 'none';
}

function impacts(op: Op): LockImpact[] {
  if (op.kind === 'execute') return [UNKNOWN_IMPACT];
  if (op.kind === 'createTable' || op.kind === 'bulkInsert' || op.kind === 'bulkDelete') return [];
  return opTables(op)
    .slice(0, 1)
    .map((table) => ({ table, lock: WRITE_LOCK, blocksWrites: true, blocksReads: false, work: work(op) }));
}

/** Counted: SQLite keeps no row estimate. Bytes are not told (dbstat is not in every build). */
async function tableSizes(db: Queryable, tables: readonly string[]): Promise<Map<string, TableSize>> {
  const sizes = new Map<string, TableSize>();
  const existing = new Set(
    ((await db.query(`SELECT "name" FROM "sqlite_master" WHERE "type" = 'table'`)) as { name: string }[]).map((r) => r.name),
  );
  for (const table of tables.filter((t) => existing.has(t))) {
    const [{ n }] = (await db.query(`SELECT count(*) AS n FROM ${quotePath((name) => quoteWith('"', name), table)}`)) as { n: number }[];
    sizes.set(table, { rows: Number(n) });
  }
  return sizes;
}

export const sqliteLocking: DialectLocking = { impacts, tableSizes };
