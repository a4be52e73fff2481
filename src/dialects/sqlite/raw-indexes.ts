/**
 * Indices TypeORM's `TableIndex` cannot describe on SQLite: on an expression (`lower(email)`, read
 * as a column named null) or with a descending or collated key (read as a plain one). Each is
 * taken out of the loaded table and kept as its CREATE INDEX text from sqlite_master.
 */
import type { QueryRunner, Table } from 'typeorm';
import { splitTableName } from '../../ops/table-path';
import type { RawTableStatement } from '../dialect';
import { quoteWith } from '../sql-text';

interface KeyInfo {
  cid: number;
  desc: number;
  coll: string | null;
  key: number;
}

export async function sqliteRawIndexes(queryRunner: QueryRunner, tables: Table[]): Promise<RawTableStatement[]> {
  const statements: RawTableStatement[] = [];
  for (const table of tables.filter((t) => splitTableName(t.name).schema === undefined)) {
    const indexes = (await queryRunner.query(`SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = 'index' AND "tbl_name" = ? AND "sql" IS NOT NULL`, [
      table.name,
    ])) as { name: string; sql: string }[];
    for (const index of indexes) {
      const keys = ((await queryRunner.query(`PRAGMA index_xinfo(${quoteWith('"', index.name)})`)) as KeyInfo[]).filter((k) => k.key === 1);
      const raw = keys.some((k) => k.cid === -2 || k.desc === 1 || (k.coll !== null && k.coll.toUpperCase() !== 'BINARY'));
      if (!raw) continue;
      statements.push({ table: table.name, name: index.name, sql: index.sql });
      table.indices = table.indices.filter((i) => i.name !== index.name);
    }
  }
  return statements;
}
