/**
 * MySQL/MariaDB's scratch databases for `verify`: one it makes, and one it is given
 * (`--scratch-url`), which must be empty and is emptied again, never dropped. DROP DATABASE waits
 * for the metadata locks of sessions still in the database (a revision stuck when verify is
 * interrupted), so this user's sessions there are ended first.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import type { Queryable } from '../dialect';
import type { GivenScratch } from '../scratch-database';
import { quoteWith } from '../sql-text';

/** End this user's other sessions in `database` (the current one when omitted). */
async function endSessionsIn(db: Queryable, database?: string): Promise<void> {
  const rows = (await db.query(
    `SELECT ID AS id FROM information_schema.PROCESSLIST
      WHERE DB = ${database === undefined ? 'DATABASE()' : '?'} AND USER = SUBSTRING_INDEX(CURRENT_USER(), '@', 1) AND ID <> CONNECTION_ID()`,
    database === undefined ? [] : [database],
  )) as { id: number | string }[];
  for (const { id } of rows) {
    // Gone already (it ended on its own): nothing to do.
    await db.query(`KILL ${Number(id)}`).catch(() => undefined);
  }
}

export async function dropMysqlScratch(dataSource: DataSource, name: string, quoted: string): Promise<void> {
  await endSessionsIn(dataSource, name);
  await dataSource.query(`DROP DATABASE IF EXISTS ${quoted}`);
}

interface ContentRow {
  kind: string;
  name: string;
}

const CONTENTS_SQL = `
  SELECT CASE TABLE_TYPE WHEN 'VIEW' THEN 'view' WHEN 'SEQUENCE' THEN 'sequence' ELSE 'table' END AS kind, TABLE_NAME AS name
    FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()
  UNION ALL
  SELECT LOWER(ROUTINE_TYPE), ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()
  UNION ALL
  SELECT 'event', EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()`;

/** Views before tables (a view may read one); triggers and indexes go with their tables. */
const DROP_ORDER = ['view', 'table', 'sequence', 'function', 'procedure', 'event'];

async function contentRows(queryRunner: QueryRunner): Promise<ContentRow[]> {
  const rows = (await queryRunner.query(CONTENTS_SQL)) as ContentRow[];
  return rows.sort((a, b) => DROP_ORDER.indexOf(a.kind) - DROP_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name));
}

export const mysqlGivenScratch: GivenScratch = {
  contents: async (queryRunner) => (await contentRows(queryRunner)).map((row) => `${row.kind} ${row.name}`),
  clear: async (queryRunner) => {
    await endSessionsIn(queryRunner);
    // Tables that reference each other drop in any order with the checks off (this session only).
    await queryRunner.query('SET FOREIGN_KEY_CHECKS = 0');
    try {
      for (const row of await contentRows(queryRunner)) await queryRunner.query(`DROP ${row.kind.toUpperCase()} IF EXISTS ${quoteWith('`', row.name)}`);
    } finally {
      await queryRunner.query('SET FOREIGN_KEY_CHECKS = 1');
    }
  },
};
