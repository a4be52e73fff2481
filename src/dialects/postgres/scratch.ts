/**
 * PostgreSQL's scratch databases for `verify`: one it makes (dropped WITH (FORCE), which ends the
 * sessions still on it), and one it is given (`--scratch-url`), which must hold nothing but an
 * empty `public` and plpgsql, and is emptied again object by object, never dropped.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import type { GivenScratch } from '../scratch-database';

export async function dropPostgresScratch(dataSource: DataSource, _name: string, quoted: string): Promise<void> {
  await dataSource.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
}

/** Everything verify could have made: extensions, schemas besides public, and public's objects. */
const CONTENTS_SQL = `
  SELECT 'extension ' || quote_ident(extname) AS item, 1 AS step, format('DROP EXTENSION IF EXISTS %I CASCADE', extname) AS drop_sql
    FROM pg_extension WHERE extname <> 'plpgsql'
  UNION ALL
  SELECT 'schema ' || quote_ident(nspname), 2, format('DROP SCHEMA IF EXISTS %I CASCADE', nspname)
    FROM pg_namespace WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\\_%'
  UNION ALL
  SELECT CASE c.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' WHEN 'S' THEN 'sequence ' ELSE 'table ' END || c.oid::regclass::text, 3,
         format('DROP %s IF EXISTS %s CASCADE', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, c.oid::regclass)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  UNION ALL
  SELECT 'type ' || t.oid::regtype::text, 4, format('DROP %s IF EXISTS %s CASCADE', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype)
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE n.nspname = 'public' AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
  UNION ALL
  SELECT 'routine ' || p.oid::regprocedure::text, 5, format('DROP %s IF EXISTS %s CASCADE', CASE p.prokind WHEN 'a' THEN 'AGGREGATE' ELSE 'ROUTINE' END, p.oid::regprocedure)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
  ORDER BY step, item`;

interface ContentRow {
  item: string;
  drop_sql: string;
}

async function contentRows(queryRunner: QueryRunner): Promise<ContentRow[]> {
  return (await queryRunner.query(CONTENTS_SQL)) as ContentRow[];
}

export const postgresGivenScratch: GivenScratch = {
  contents: async (queryRunner) => (await contentRows(queryRunner)).map((row) => row.item),
  clear: async (queryRunner) => {
    // A revision stuck when verify was interrupted holds locks on what is about to be dropped.
    await queryRunner.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND usename = current_user AND pid <> pg_backend_pid()`,
    );
    // IF EXISTS: an earlier CASCADE (an extension, a schema) may have taken a later object along.
    for (const row of await contentRows(queryRunner)) await queryRunner.query(row.drop_sql);
  },
};
