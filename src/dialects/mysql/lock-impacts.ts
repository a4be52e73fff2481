/**
 * What each op locks on MySQL 8 / MariaDB 10.4+ (InnoDB online DDL), in the words of their
 * `ALGORITHM=… LOCK=…` clauses: INSTANT changes only metadata; INPLACE without a rebuild lets reads
 * and writes go on while an index builds; a rebuild (INPLACE) also lets them; COPY (a type change,
 * a foreign key checked under foreign_key_checks, a CHECK constraint, dropping a primary key) holds
 * writes off while the table is copied. Every form takes a metadata lock for a moment at its start
 * and end, which waits for the app's open transactions on the table.
 */
import { impactsFrom, SHARED_IMPACTS, type ImpactTable, type LockImpact, type TableSize } from '../../ops/lock-impact';
import type { OpOf } from '../../ops/types';
import type { DialectLocking, Queryable } from '../dialect';

const instant = (table: string): LockImpact => ({ table, lock: 'ALGORITHM=INSTANT', blocksWrites: false, blocksReads: false, work: 'none' });
const inplace = (table: string, work: 'build' | 'rewrite' | 'none'): LockImpact => ({ table, lock: 'ALGORITHM=INPLACE, LOCK=NONE', blocksWrites: false, blocksReads: false, work });
const copy = (table: string): LockImpact => ({ table, lock: 'ALGORITHM=COPY, LOCK=SHARED', blocksWrites: true, blocksReads: false, work: 'rewrite' });
const exclusive = (table: string): LockImpact => ({ table, lock: 'exclusive metadata lock', blocksWrites: true, blocksReads: true, work: 'none' });

const nameOf = (table: string | { name: string }): string => (typeof table === 'string' ? table : table.name);

const IMPACTS: ImpactTable = {
  createTable: () => [],
  dropTable: (op) => [exclusive(nameOf(op.table))],
  renameTable: (op) => [exclusive(op.from)],
  // A stored generated or AUTO_INCREMENT column fills every row, holding writes off.
  addColumn: (op) => [op.column.generatedType === 'STORED' || op.column.isGenerated ? copy(op.table) : instant(op.table)],
  dropColumn: (op) => [instant(op.table)],
  renameColumn: (op) => [instant(op.table)],
  alterColumn: (op) => [alterColumnImpact(op)],
  createIndex: (op) => [op.index.isFulltext || op.index.isSpatial ? { ...copy(op.table), lock: 'ALGORITHM=INPLACE, LOCK=SHARED', work: 'build' } : inplace(op.table, 'build')],
  dropIndex: (op) => [inplace(op.table, 'none')],
  createUnique: (op) => [inplace(op.table, 'build')],
  dropUnique: (op) => [inplace(op.table, 'none')],
  createCheck: (op) => [copy(op.table)],
  dropCheck: (op) => [instant(op.table)],
  createExclusion: () => [],
  dropExclusion: () => [],
  createForeignKey: (op) => [copy(op.table)],
  dropForeignKey: (op) => [inplace(op.table, 'none')],
  createPrimaryKey: (op) => [inplace(op.table, 'rewrite')],
  dropPrimaryKey: (op) => [copy(op.table)],
  setTableComment: (op) => [instant(op.table)],
  ...SHARED_IMPACTS,
};

/** Properties whose change alters the column's type. */
const TYPE_PROPERTIES = ['type', 'length', 'precision', 'scale', 'unsigned', 'zerofill', 'charset', 'collation', 'enum', 'asExpression', 'generatedType'] as const;

/**
 * A type change copies the table, except a VARCHAR made longer within the same length prefix
 * (both up to 255 bytes, or both above), which is in place. NULL ↔ NOT NULL
 * rebuilds in place with writes going on; a unique column builds its index the same way.
 */
function alterColumnImpact(op: OpOf<'alterColumn'>): LockImpact {
  const { changes, existing } = op;
  if (TYPE_PROPERTIES.some((p) => p in changes)) return longerVarcharInPlace(op) ? instant(op.table) : copy(op.table);
  if ('isNullable' in changes && changes.isNullable !== existing?.isNullable) return inplace(op.table, 'rewrite');
  if (changes.isUnique === true && !existing?.isUnique) return inplace(op.table, 'build');
  return instant(op.table);
}

function longerVarcharInPlace({ changes, existing }: OpOf<'alterColumn'>): boolean {
  if (existing?.type !== 'varchar' || Object.keys(changes).some((k) => k !== 'length' && k !== 'type') || (changes.type ?? 'varchar') !== 'varchar') return false;
  const from = Number(existing.length);
  const to = Number(changes.length ?? existing.length);
  if (!(to >= from)) return false;
  // The length prefix is 1 byte up to 255 bytes, 2 above; bytes per character depend on the charset.
  const perChar = bytesPerCharacter(existing.charset);
  if (perChar !== undefined) return from * perChar > 255 === to * perChar > 255;
  // Charset unknown (the table's default): in place under every charset only when both are at
  // least 256 characters, or both fit 255 bytes in 4-byte characters.
  return (from >= 256 && to >= 256) || to * 4 <= 255;
}

function bytesPerCharacter(charset: string | undefined): number | undefined {
  if (!charset) return undefined;
  if (/^(latin|ascii|binary|cp125)/i.test(charset)) return 1;
  if (/^utf8mb4/i.test(charset)) return 4;
  if (/^utf8/i.test(charset)) return 3;
  return undefined;
}

/** InnoDB's estimates from information_schema.TABLES (as `SHOW TABLE STATUS`). */
async function tableSizes(db: Queryable, tables: readonly string[]): Promise<Map<string, TableSize>> {
  const sizes = new Map<string, TableSize>();
  if (tables.length === 0) return sizes;
  const rows = (await db.query(
    `SELECT TABLE_NAME AS name, TABLE_ROWS AS \`rows\`, DATA_LENGTH + INDEX_LENGTH AS bytes
       FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME IN (${tables.map(() => '?').join(', ')})`,
    [...tables],
  )) as { name: string; rows: number | string | null; bytes: number | string | null }[];
  for (const row of rows) sizes.set(row.name, { rows: Number(row.rows ?? 0), bytes: Number(row.bytes ?? 0) });
  return sizes;
}

export const mysqlLocking: DialectLocking = {
  impacts: impactsFrom(IMPACTS),
  tableSizes,
};
