/**
 * A changed `where` of an explicitly named partial index. TypeORM's schema builder matches indices
 * by name and compares columns, uniqueness and type, but not the predicate, so `@Index('IX_x',
 * ['a'], { where: 'b > 1' })` changed to `b > 2` goes unnoticed (a generated name hashes the
 * predicate, so unnamed indices are caught by the builder). Here such an index becomes
 * dropIndex(old) + createIndex(new).
 *
 * Predicates are compared as the database would store them. SQLite keeps the text TypeORM wrote;
 * PostgreSQL rewrites it (`status = 'live'` → `((status)::text = 'live'::text)`), so both sides go
 * through PostgreSQL: a temporary copy of the table gets a temporary index with the predicate, and
 * `pg_get_expr` gives its stored form. All of it in a transaction that is rolled back.
 */
import { TableIndex, type DataSource, type QueryRunner, type Table } from 'typeorm';
import { fromTableIndex } from '../../ops/from-typeorm';
import { bareTableName, splitTableName } from '../../ops/table-path';
import type { IndexSpec, Op } from '../../ops/types';
import type { PassContext, PassState } from './pass';

interface Candidate {
  table: string;
  entityIndex: IndexSpec;
}

export async function changedIndexPredicates(dataSource: DataSource, state: PassState, ctx: PassContext): Promise<PassState> {
  const touched = new Set(
    state.ops.flatMap((op) => ((op.kind === 'createIndex' || op.kind === 'dropIndex') && typeof op.index !== 'string' ? [op.index.name] : [])),
  );
  const candidates: Candidate[] = [];
  for (const metadata of dataSource.entityMetadatas) {
    if (metadata.tableType === 'view') continue;
    for (const index of metadata.indices) {
      if (!index.givenName || touched.has(index.name)) continue;
      candidates.push({ table: metadata.tablePath, entityIndex: fromTableIndex(TableIndex.create(index)) });
    }
  }
  if (candidates.length === 0) return state;

  const queryRunner = dataSource.createQueryRunner();
  try {
    const tables = await queryRunner.getTables([...new Set(candidates.map((c) => c.table))]);
    // As the builder orders its own: drops first (a predicate may pin a type that an alter
    // changes), creates last.
    const drops: Op[] = [];
    const creates: Op[] = [];
    for (const { table, entityIndex } of candidates) {
      const live = findTable(tables, table)?.indices.find((i) => i.name === entityIndex.name);
      if (!live) continue;
      const liveIndex = fromTableIndex(live);
      if (!(await predicatesDiffer(queryRunner, ctx, table, liveIndex, entityIndex))) continue;
      drops.push({ kind: 'dropIndex', table, index: liveIndex });
      creates.push({ kind: 'createIndex', table, index: entityIndex });
    }
    return drops.length === 0 ? state : { ...state, ops: [...drops, ...state.ops, ...creates] };
  } finally {
    await queryRunner.release();
  }
}

function findTable(tables: Table[], path: string): Table | undefined {
  const { schema, name } = splitTableName(path);
  return tables.find((t) => t.name === path) ?? tables.find((t) => bareTableName(t.name) === name && schema === undefined);
}

async function predicatesDiffer(queryRunner: QueryRunner, ctx: PassContext, table: string, live: IndexSpec, wanted: IndexSpec): Promise<boolean> {
  const a = live.where?.trim() || undefined;
  const b = wanted.where?.trim() || undefined;
  if (a === b) return false;
  if (a === undefined || b === undefined) return true;
  if (ctx.dialect !== 'postgres') return a.replace(/\s+/g, ' ') !== b.replace(/\s+/g, ' ');
  return (await storedPredicate(queryRunner, table, live.columnNames, a)) !== (await storedPredicate(queryRunner, table, wanted.columnNames, b));
}

/** PostgreSQL's stored form of an index predicate on `table`. */
async function storedPredicate(queryRunner: QueryRunner, table: string, columns: string[], predicate: string): Promise<string> {
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const source = table.split('.').map(quote).join('.');
  await queryRunner.startTransaction();
  try {
    await queryRunner.query(`CREATE TEMP TABLE "entity_migrate_predicate" (LIKE ${source})`);
    await queryRunner.query(
      `CREATE INDEX "entity_migrate_predicate_ix" ON "entity_migrate_predicate" (${columns.map(quote).join(', ')}) WHERE ${predicate}`,
    );
    const rows = (await queryRunner.query(
      `SELECT pg_get_expr(i.indpred, i.indrelid) AS predicate FROM pg_index i WHERE i.indexrelid = 'entity_migrate_predicate_ix'::regclass`,
    )) as { predicate: string }[];
    return rows[0]?.predicate ?? predicate;
  } finally {
    await queryRunner.rollbackTransaction();
  }
}
