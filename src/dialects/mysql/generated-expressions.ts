/**
 * MySQL/MariaDB keep a generated column's expression in their own words (`lower(name)` is kept as
 * ``lcase(`name`)``). Two expressions are compared as the server stores them: added as columns
 * of the column's type to a temporary copy of the table, and read back from SHOW CREATE TABLE.
 * The temporary table is the connection's alone and dropped at once.
 */
import type { QueryRunner } from 'typeorm';
import { mysqlRunner } from '../../typeorm-internals';
import { quoteWith } from '../sql-text';

const COPY = '`entity_migrate_scratch`';

export async function sameMysqlGeneratedExpression(queryRunner: QueryRunner, table: string, column: string, a: string, b: string): Promise<boolean> {
  const [info] = (await queryRunner.query(
    `SELECT COLUMN_TYPE AS type FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?`,
    [table, column],
  )) as { type: string }[];
  if (!info) return false;
  await queryRunner.query(`CREATE TEMPORARY TABLE ${COPY} LIKE ${mysqlRunner(queryRunner).escapePath(table)}`);
  try {
    await queryRunner.query(
      `ALTER TABLE ${COPY} ADD COLUMN \`entity_migrate_a\` ${info.type} AS (${a}) VIRTUAL, ADD COLUMN \`entity_migrate_b\` ${info.type} AS (${b}) VIRTUAL`,
    );
    const [row] = (await queryRunner.query(`SHOW CREATE TABLE ${COPY}`)) as Record<string, string>[];
    const definition = row?.['Create Table'] ?? '';
    const stored = (name: string) => new RegExp(`${quoteWith('`', name)} .*? AS \\((.*)\\) VIRTUAL`).exec(definition)?.[1];
    const storedA = stored('entity_migrate_a');
    return storedA !== undefined && storedA === stored('entity_migrate_b');
  } finally {
    await queryRunner.query(`DROP TEMPORARY TABLE ${COPY}`);
  }
}
