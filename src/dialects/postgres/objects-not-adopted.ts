/**
 * What a PostgreSQL database holds that `baseline` does not recreate: triggers, functions and
 * procedures, rules, row-level security and its policies, and sequences no column owns (a serial
 * or identity column's sequence comes with its createTable). Objects an extension made belong to
 * the extension (`CREATE EXTENSION` in the prelude brings them back) and are left out.
 */
import type { QueryRunner } from 'typeorm';
import type { SchemaScope, UnadoptedObject } from '../dialect';
import { USER_SCHEMAS } from './catalog-scope';

/** `n` is the object's namespace; `$1` the schemas in scope, when there is a scope. */
const objectsSql = (inScope: string) => `
  SELECT 'trigger' AS kind, t.tgname AS name, n.nspname || '.' || c.relname AS "table"
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE NOT t.tgisinternal AND ${inScope}
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
         n.nspname || '.' || p.proname, NULL
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE ${inScope} AND NOT EXISTS (
         SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  UNION ALL
  SELECT 'rule', r.rulename, n.nspname || '.' || c.relname
    FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE r.rulename <> '_RETURN' AND ${inScope}
  UNION ALL
  SELECT 'row-level security', NULL, n.nspname || '.' || c.relname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relrowsecurity AND ${inScope}
  UNION ALL
  SELECT 'policy', p.polname, n.nspname || '.' || c.relname
    FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE ${inScope}
  UNION ALL
  SELECT 'sequence', n.nspname || '.' || c.relname, NULL
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind = 'S' AND ${inScope} AND NOT EXISTS (
         SELECT 1 FROM pg_depend d
          WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
   ORDER BY 1, 3, 2`;

export async function objectsNotAdopted(queryRunner: QueryRunner, scope?: SchemaScope): Promise<UnadoptedObject[]> {
  const rows = (await queryRunner.query(objectsSql(scope ? 'n.nspname = ANY($1)' : USER_SCHEMAS), scope ? [scope.schemas] : [])) as {
    kind: string;
    name: string | null;
    table: string | null;
  }[];
  return rows.map((r) => ({ kind: r.kind, ...(r.name !== null && { name: r.name }), ...(r.table !== null && { table: r.table }) }));
}
