/**
 * A PostgreSQL schema read straight from the catalog (pg_catalog, no TypeORM and none of our code),
 * as the judge of round-trips that our introspection must not also be the witness of (`baseline`:
 * the original database and one upgraded to its baseline must have equal snapshots).
 *
 * Everything the database prints itself: columns in order (type, NOT NULL, default, identity,
 * generated expression, comment), every index as `pg_get_indexdef`, every constraint as
 * `pg_get_constraintdef` with its name, views and materialized views as `pg_get_viewdef`, enum
 * types with their labels in order, domains, sequences, comments, schemas, extensions (but plpgsql, which
 * every database has) with their schemas. Names are part of it. Left out:
 * TypeORM's tables (`typeorm_metadata`, `migrations`) and ours (`entity_migrate_*`).
 */
import type { DataSource } from 'typeorm';

export interface PostgresCatalogSnapshot {
  schemas: string[];
  /** Extension → the schema it is installed in. */
  extensions: Record<string, string>;
  tables: Record<string, PostgresTableSnapshot>;
  views: Record<string, { materialized: boolean; definition: string; comment: string | null }>;
  /** `schema.type` → labels in order. */
  enums: Record<string, string[]>;
  /** `schema.domain` → its base type, NOT NULL, default and checks, as the catalog prints them. */
  domains: Record<string, string>;
  /** `schema.sequence` → the `table.column` that owns it (serial, identity), or null. */
  sequences: Record<string, string | null>;
}

export interface PostgresTableSnapshot {
  comment: string | null;
  columns: PostgresColumnSnapshot[];
  /** Index name → `pg_get_indexdef` (constraint-backed indices included). */
  indexes: Record<string, string>;
  /** Constraint name → its kind and `pg_get_constraintdef`. */
  constraints: Record<string, string>;
}

export interface PostgresColumnSnapshot {
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  /** 'a' (ALWAYS) / 'd' (BY DEFAULT) for identity columns, '' otherwise. */
  identity: string;
  /** The expression of a stored generated column, else null. */
  generated: string | null;
  comment: string | null;
}

const USER_SCHEMA = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;
const IGNORED = /^(typeorm_metadata|migrations|entity_migrate_.*)$/;

/** `schema.name` (always qualified: the snapshot says where each object is). */
const qualified = (r: { schema: string; name: string }) => `${r.schema}.${r.name}`;

export async function postgresCatalogSnapshot(db: DataSource): Promise<PostgresCatalogSnapshot> {
  const schemas = (await db.query(`SELECT n.nspname AS name FROM pg_namespace n WHERE ${USER_SCHEMA} ORDER BY 1`)) as { name: string }[];

  const relations = (await db.query(
    `SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind, obj_description(c.oid, 'pg_class') AS comment,
            CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS definition
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${USER_SCHEMA} AND c.relkind IN ('r', 'p', 'v', 'm')
      ORDER BY 2, 3`,
  )) as { oid: number; schema: string; name: string; kind: string; comment: string | null; definition: string | null }[];
  const kept = relations.filter((r) => !IGNORED.test(r.name));
  const oids = kept.map((r) => r.oid);

  const columns = (await db.query(
    `SELECT a.attrelid AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
            CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS "default",
            a.attidentity AS identity,
            CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generated,
            col_description(a.attrelid, a.attnum) AS comment
       FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attrelid, a.attnum`,
    [oids],
  )) as (PostgresColumnSnapshot & { oid: number })[];

  const indexes = (await db.query(
    `SELECT x.indrelid AS oid, i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = ANY($1)`,
    [oids],
  )) as { oid: number; name: string; definition: string }[];

  const constraints = (await db.query(
    `SELECT conrelid AS oid, conname AS name, contype AS kind, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE conrelid = ANY($1)`,
    [oids],
  )) as { oid: number; name: string; kind: string; definition: string }[];

  const enums = (await db.query(
    `SELECT n.nspname AS schema, t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE ${USER_SCHEMA} GROUP BY 1, 2 ORDER BY 1, 2`,
  )) as { schema: string; name: string; labels: string[] }[];

  const domains = (await db.query(
    `SELECT n.nspname AS schema, t.typname AS name,
            concat_ws(' ', format_type(t.typbasetype, t.typtypmod), CASE WHEN t.typnotnull THEN 'NOT NULL' END, 'DEFAULT ' || t.typdefault,
                      (SELECT string_agg(k.conname || ' ' || pg_get_constraintdef(k.oid), ', ' ORDER BY k.conname) FROM pg_constraint k WHERE k.contypid = t.oid)) AS definition
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE ${USER_SCHEMA} AND t.typtype = 'd' ORDER BY 1, 2`,
  )) as { schema: string; name: string; definition: string }[];

  const sequences = (await db.query(
    `SELECT n.nspname AS schema, s.relname AS name, t.relname || '.' || a.attname AS owner
       FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
       LEFT JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       LEFT JOIN pg_class t ON t.oid = d.refobjid
       LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE ${USER_SCHEMA} AND s.relkind = 'S' ORDER BY 1, 2`,
  )) as { schema: string; name: string; owner: string | null }[];

  const extensions = (await db.query(
    `SELECT e.extname AS name, n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
      WHERE e.extname <> 'plpgsql' ORDER BY 1`,
  )) as { name: string; schema: string }[];

  const snapshot: PostgresCatalogSnapshot = {
    schemas: schemas.map((s) => s.name),
    extensions: Object.fromEntries(extensions.map((e) => [e.name, e.schema])),
    tables: {},
    views: {},
    enums: Object.fromEntries(enums.map((e) => [qualified(e), e.labels])),
    domains: Object.fromEntries(domains.map((d) => [qualified(d), d.definition])),
    sequences: Object.fromEntries(sequences.filter((s) => !s.owner || !IGNORED.test(s.owner.split('.')[0])).map((s) => [qualified(s), s.owner])),
  };
  for (const r of kept) {
    if (r.kind === 'v' || r.kind === 'm') {
      snapshot.views[qualified(r)] = { materialized: r.kind === 'm', definition: r.definition ?? '', comment: r.comment };
      continue;
    }
    const own = <T extends { oid: number }>(rows: T[]) => rows.filter((row) => row.oid === r.oid);
    snapshot.tables[qualified(r)] = {
      comment: r.comment,
      columns: own(columns).map(({ oid: _oid, ...column }) => column),
      indexes: Object.fromEntries(own(indexes).map((i) => [i.name, i.definition]).sort(byFirst)),
      constraints: Object.fromEntries(own(constraints).map((c) => [c.name, `${c.kind} ${c.definition}`]).sort(byFirst)),
    };
  }
  return snapshot;
}

const byFirst = (a: readonly string[], b: readonly string[]) => a[0].localeCompare(b[0]);

/** What a database with nothing of the user's left looks like (the `public` schema stays). */
export const EMPTY_POSTGRES_SNAPSHOT: PostgresCatalogSnapshot = { schemas: ['public'], extensions: {}, tables: {}, views: {}, enums: {}, domains: {}, sequences: {} };
