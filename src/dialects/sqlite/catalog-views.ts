/**
 * The views as sqlite_master has them, not only those TypeORM recorded in typeorm_metadata:
 * `baseline` adopts views made by hand. The expression is the text after the view's `AS`.
 */
import type { QueryRunner } from 'typeorm';
import type { ViewSpec } from '../../ops/types';
import { orderViewsByReads } from '../view-order';

const HEAD = /^\s*CREATE\s+(?:TEMP\s+|TEMPORARY\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|[A-Za-z_][A-Za-z0-9_$]*)\s*(?:\([^)]*\)\s*)?AS\s+/i;

export async function sqliteCatalogViews(queryRunner: QueryRunner): Promise<ViewSpec[]> {
  const rows = (await queryRunner.query(`SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = 'view'`)) as { name: string; sql: string }[];
  return orderViewsByReads(rows.map((r) => ({ name: r.name, expression: r.sql.replace(HEAD, '') })));
}
