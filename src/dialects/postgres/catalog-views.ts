/**
 * Every view and materialized view of the user's as the catalog has it (`baseline` adopts views made
 * by hand; TypeORM's `getViews()` lists only those in its metadata table). A view comes after the
 * views it reads (its rewrite rule's dependencies in `pg_depend`), otherwise by name.
 */
import type { QueryRunner } from 'typeorm';
import type { ViewSpec } from '../../ops/types';
import type { SchemaScope } from '../dialect';
import { USER_SCHEMAS, defaultSchemaOf } from './catalog-scope';

interface ViewRow {
  oid: number;
  schema: string;
  name: string;
  materialized: boolean;
  definition: string;
}

export async function catalogViews(queryRunner: QueryRunner, scope?: SchemaScope): Promise<ViewSpec[]> {
  const inScope = scope ? `n.nspname = ANY($1)` : USER_SCHEMAS;
  const views = (await queryRunner.query(
    `SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized, pg_get_viewdef(c.oid) AS definition
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('v', 'm') AND ${inScope}
      ORDER BY n.nspname, c.relname`,
    scope ? [scope.schemas] : [],
  )) as ViewRow[];
  if (views.length === 0) return [];
  const reads = (await queryRunner.query(
    `SELECT DISTINCT r.ev_class AS view, d.refobjid AS read
       FROM pg_rewrite r JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
      WHERE r.ev_class = ANY($1) AND d.refobjid <> r.ev_class`,
    [views.map((v) => v.oid)],
  )) as { view: number; read: number }[];
  const defaultSchema = scope ? scope.defaultSchema : await defaultSchemaOf(queryRunner);
  return dependencyOrder(views, reads).map((v) => ({
    name: v.schema === defaultSchema ? v.name : `${v.schema}.${v.name}`,
    // pg_get_viewdef ends the query with ';', which has no place inside CREATE VIEW … AS.
    expression: v.definition.trim().replace(/;$/, ''),
    ...(v.materialized && { materialized: true }),
  }));
}

/** Views in an order where each comes after those it reads (a view cannot read itself, so no cycles). */
function dependencyOrder(views: readonly ViewRow[], reads: readonly { view: number; read: number }[]): ViewRow[] {
  const byOid = new Map(views.map((v) => [Number(v.oid), v]));
  const ordered: ViewRow[] = [];
  const placed = new Set<number>();
  const place = (view: ViewRow) => {
    if (placed.has(Number(view.oid))) return;
    placed.add(Number(view.oid));
    for (const r of reads) {
      const read = Number(r.view) === Number(view.oid) ? byOid.get(Number(r.read)) : undefined;
      if (read) place(read);
    }
    ordered.push(view);
  };
  views.forEach(place);
  return ordered;
}
