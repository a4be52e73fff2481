/**
 * The views of the connection's database as the catalog has them (information_schema.VIEWS), not
 * only those TypeORM recorded in typeorm_metadata: `baseline` adopts views made by hand.
 *
 * MySQL and MariaDB store a view's SELECT with every table qualified by its database
 * (`` `shop`.`user`.`id` ``). Written back as read, the view would read the ORIGINAL database's
 * tables from any other database the revision runs on; the qualifier of the view's own database is
 * dropped (others' stay: they were asked for).
 */
import type { QueryRunner } from 'typeorm';
import type { ViewSpec } from '../../ops/types';
import { skipQuoted } from '../sql-text';
import { orderViewsByReads } from '../view-order';

/** `sql` without the `` `database`. `` qualifiers that name `database` (outside quoted text). */
export function withoutDatabaseQualifier(sql: string, database: string): string {
  const qualifier = `\`${database.replace(/`/g, '``')}\`.`;
  let out = '';
  for (let i = 0; i < sql.length; ) {
    if (sql.startsWith(qualifier, i)) {
      i += qualifier.length;
      continue;
    }
    const next = skipQuoted(sql, i);
    out += sql.slice(i, Math.max(next, i + 1));
    i = Math.max(next, i + 1);
  }
  return out;
}

export async function mysqlCatalogViews(queryRunner: QueryRunner): Promise<ViewSpec[]> {
  const rows = (await queryRunner.query(
    `SELECT TABLE_NAME AS name, VIEW_DEFINITION AS definition, DATABASE() AS db FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()`,
  )) as { name: string; definition: string; db: string }[];
  return orderViewsByReads(rows.map((r) => ({ name: r.name, expression: withoutDatabaseQualifier(r.definition, r.db) })));
}
