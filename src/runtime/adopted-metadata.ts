/**
 * TypeORM keeps what it cannot read back from the catalog in its `typeorm_metadata` table: the views
 * it manages and the expressions of generated columns. A baseline's upgrade records them there (it
 * creates them through TypeORM's runner, as synchronize does), so a database built from the baseline
 * has rows that the adopted database, made by hand, may lack. TypeORM's schema builder would then see
 * the two differently (a view it does not know is never dropped; a generated column without its row
 * reads as changed), and `check` would not tell the same drift on both. So stamping a baseline also
 * writes the rows its upgrade would have written and the adopted database does not have: the same
 * statements, taken from TypeORM's runner in memory-SQL mode.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import { toTable, toView } from '../ops/to-typeorm';
import { bareTableName } from '../ops/table-path';
import type { Op } from '../ops/types';
import { schemaBuilder } from '../typeorm-internals';

/** What got recorded, for the command's output. */
export interface AdoptedMetadata {
  views: string[];
  generatedColumns: string[];
}

type MetadataRow = { type: string; table: string | null; name: string | null };

export async function recordAdoptedMetadata(queryRunner: QueryRunner, dataSource: DataSource, ops: readonly Op[]): Promise<AdoptedMetadata> {
  const recorded: AdoptedMetadata = { views: [], generatedColumns: [] };
  const wanted = ops.filter((op) => op.kind === 'createView' || (op.kind === 'createTable' && op.table.columns.some((c) => c.asExpression && c.generatedType)));
  if (wanted.length === 0) return recorded;
  const table = dataSource.metadataTableName;
  const exists = await queryRunner.hasTable(table);
  const rows: MetadataRow[] = exists
    ? await queryRunner.query(dataSource.createQueryBuilder().select('*').from(table, 't').getQuery())
    : [];
  const has = (type: (t: string) => boolean, tableName: string | undefined, name: string) =>
    rows.some((r) => type(r.type) && r.name === name && (tableName === undefined || r.table === tableName));
  const statements: { query: string; parameters?: unknown[] }[] = [];
  for (const op of wanted) {
    if (op.kind === 'createView') {
      const name = bareTableName(op.view.name);
      if (has((t) => t === 'VIEW' || t === 'MATERIALIZED_VIEW', undefined, name)) continue;
      statements.push(...(await metadataInserts(queryRunner, (qr) => qr.createView(toView(op.view), true))));
      recorded.views.push(op.view.name);
    } else if (op.kind === 'createTable') {
      const tableName = bareTableName(op.table.name);
      const missing = op.table.columns.filter((c) => c.asExpression && c.generatedType && !has((t) => t === 'GENERATED_COLUMN', tableName, c.name));
      if (missing.length === 0) continue;
      // Only the columns without a row: a table recreated with just those gives just their inserts.
      const generatedOnly = { ...op.table, columns: op.table.columns.map((c) => (missing.includes(c) ? c : { ...c, asExpression: undefined, generatedType: undefined })) };
      statements.push(...(await metadataInserts(queryRunner, (qr) => qr.createTable(toTable(generatedOnly), false, false, false))));
      recorded.generatedColumns.push(...missing.map((c) => `${op.table.name}.${c.name}`));
    }
  }
  if (statements.length === 0) return recorded;
  if (!exists) await schemaBuilder(dataSource).createTypeormMetadataTable(queryRunner);
  for (const statement of statements) await queryRunner.query(statement.query, statement.parameters);
  return recorded;
}

/** The inserts into typeorm_metadata that `create` would run, without running anything. */
async function metadataInserts(queryRunner: QueryRunner, create: (qr: QueryRunner) => Promise<void>): Promise<{ query: string; parameters?: unknown[] }[]> {
  queryRunner.enableSqlMemory();
  try {
    await create(queryRunner);
    return queryRunner.getMemorySql().upQueries.filter((q) => /^\s*INSERT INTO\b/i.test(q.query) && q.query.includes('typeorm_metadata'));
  } finally {
    queryRunner.disableSqlMemory();
  }
}
