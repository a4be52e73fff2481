/**
 * Whether two check expressions on a table are the same once MySQL/MariaDB stored them. The server
 * prints a check from its parse tree (`price > 0 AND qty != 5` reads back as
 * `` `price` > 0 and `qty` <> 5 ``), so both are added to an empty temporary copy of the table and
 * read back with SHOW CREATE TABLE. A temporary table commits nothing and is the session's own.
 */
import type { QueryRunner } from 'typeorm';
import { mysqlRunner } from '../../typeorm-internals';
import { closingParenthesis, quoteWith } from '../sql-text';

const COPY = '`entity_migrate_scratch`';
const NAMES = ['entity_migrate_a', 'entity_migrate_b'] as const;

export async function sameMysqlCheck(queryRunner: QueryRunner, table: string, a: string, b: string): Promise<boolean> {
  await queryRunner.query(`CREATE TEMPORARY TABLE ${COPY} LIKE ${mysqlRunner(queryRunner).escapePath(table)}`);
  try {
    await queryRunner.query(
      `ALTER TABLE ${COPY} ADD CONSTRAINT ${quoteWith('`', NAMES[0])} CHECK (${a}), ADD CONSTRAINT ${quoteWith('`', NAMES[1])} CHECK (${b})`,
    );
    const [row] = (await queryRunner.query(`SHOW CREATE TABLE ${COPY}`)) as Record<string, string>[];
    const definition = row?.['Create Table'] ?? '';
    const stored = (name: string) => {
      const start = definition.indexOf(`CONSTRAINT ${quoteWith('`', name)} CHECK (`);
      if (start < 0) return undefined;
      const open = definition.indexOf('(', start);
      const close = closingParenthesis(definition, open);
      return close < 0 ? undefined : definition.slice(open + 1, close);
    };
    const storedA = stored(NAMES[0]);
    return storedA !== undefined && storedA === stored(NAMES[1]);
  } catch {
    // An expression the server refuses (a column the table lacks) is not the stored one.
    return false;
  } finally {
    await queryRunner.query(`DROP TEMPORARY TABLE IF EXISTS ${COPY}`);
  }
}
