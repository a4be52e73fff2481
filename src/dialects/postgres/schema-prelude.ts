/**
 * What a PostgreSQL schema needs before its first table and TypeORM's createTable does not make:
 * extensions (a `citext` column, a `uuid_generate_v4()` default, a `gin_trgm_ops` index), domains,
 * and enum types it would not create itself. createTable creates an enum column's type in the
 * table's schema when it is missing, under the name it reads the column with; it does not create a
 * type that lives in another schema than a table using it (TypeORM reads such a column by the
 * type's name, not as an enum), one used through a domain only, nor one that no column uses.
 * Each comes with the statement that drops it.
 */
import type { QueryRunner, Table } from 'typeorm';
import { postgresRunner } from '../../typeorm-internals';
import type { PreludeStatement, SchemaScope } from '../dialect';
import { quoteString, quoteWith } from '../sql-text';
import { USER_SCHEMAS, defaultSchemaOf } from './catalog-scope';
import { isEnumColumn, tablePath } from './enum-types';

/** Schemas every new database has (from template1): a statement in one needs no CREATE SCHEMA. */
const ALWAYS_THERE = new Set(['public', 'pg_catalog']);

interface ExtensionRow {
  name: string;
  schema: string;
}

interface TypeRow {
  schema: string;
  name: string;
  /** The enum's labels in order; null for a domain. */
  labels: string[] | null;
  /** A domain's `AS …` clauses (base type, collation, default, NOT NULL, checks); null for an enum. */
  domain: string | null;
  /** The tables whose columns use the type or its array type. */
  users: { schema: string; table: string }[];
}

/** In creation order, so that an extension comes after those it requires (they must exist first). */
const EXTENSIONS_SQL = `
  SELECT e.extname AS name, n.nspname AS schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
   WHERE e.extname <> 'plpgsql'
   ORDER BY e.oid`;

/**
 * Enum types and domains of the user's (an extension's own types are the extension's), in creation
 * order: a domain comes after the enum or domain it is over.
 */
const typesSql = (inScope: string) => `
  SELECT n.nspname AS schema, t.typname AS name,
         (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels,
         CASE WHEN t.typtype = 'd' THEN concat_ws(' ',
           format_type(t.typbasetype, t.typtypmod),
           (SELECT 'COLLATE ' || quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
              FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
             WHERE co.oid = t.typcollation AND t.typcollation <> (SELECT b.typcollation FROM pg_type b WHERE b.oid = t.typbasetype)),
           'DEFAULT ' || t.typdefault,
           CASE WHEN t.typnotnull THEN 'NOT NULL' END,
           (SELECT string_agg('CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid), ' ' ORDER BY k.conname)
              FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c'))
         END AS domain,
         (SELECT COALESCE(jsonb_agg(DISTINCT jsonb_build_object('schema', cn.nspname, 'table', c.relname)), '[]'::jsonb)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p')
            JOIN pg_namespace cn ON cn.oid = c.relnamespace
           WHERE a.atttypid IN (t.oid, t.typarray) AND a.attnum > 0 AND NOT a.attisdropped) AS users
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE t.typtype IN ('e', 'd') AND ${inScope}
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
   ORDER BY t.oid`;

const quote = (name: string) => quoteWith('"', name);

export async function schemaPrelude(queryRunner: QueryRunner, scope: SchemaScope | undefined, tables: readonly Table[]): Promise<PreludeStatement[]> {
  const defaultSchema = scope?.defaultSchema ?? (await defaultSchemaOf(queryRunner));
  // Named without their schema when it is the default one, like tables: the revision must not be
  // pinned to the schema it was read from.
  const path = (schema: string, name: string) => (schema === defaultSchema ? quote(name) : `${quote(schema)}.${quote(name)}`);
  const needs = (schema: string) => (schema === defaultSchema || ALWAYS_THERE.has(schema) ? {} : { schema });

  const extensions = (await queryRunner.query(EXTENSIONS_SQL)) as ExtensionRow[];
  const prelude: PreludeStatement[] = extensions.map((e) => ({
    ...needs(e.schema),
    // No VERSION: the fresh database gets the version its server offers, as a new install would.
    create: `CREATE EXTENSION IF NOT EXISTS ${quote(e.name)}${e.schema === defaultSchema ? '' : ` SCHEMA ${quote(e.schema)}`}`,
    // Extensions belong to the database: a tenant's downgrade must not take them from the others.
    ...(scope ? {} : { drop: `DROP EXTENSION IF EXISTS ${quote(e.name)}` }),
  }));

  const types = (await queryRunner.query(typesSql(scope ? `n.nspname = ANY($1)` : USER_SCHEMAS), scope ? [scope.schemas] : [])) as TypeRow[];
  const loaded = await Promise.all(tables.map((t) => tablePath(queryRunner, t.name)));
  const isLoaded = (u: { schema: string; table: string }) => loaded.some((l) => l.schema === u.schema && l.table === u.table);
  const madeByCreateTable = await enumTypesCreateTableMakes(queryRunner, tables);
  for (const type of types) {
    const users = type.users.filter(isLoaded);
    // Used only by tables the schema leaves out: the type goes with them.
    if (type.users.length > 0 && users.length === 0) continue;
    // The first createTable that needs it makes it, and no table in another schema needs it earlier.
    if (madeByCreateTable.has(`${type.schema}.${type.name}`) && users.every((u) => u.schema === type.schema)) continue;
    const name = path(type.schema, type.name);
    prelude.push({
      ...needs(type.schema),
      create: type.domain !== null
        ? `CREATE DOMAIN ${name} AS ${type.domain}`
        : `CREATE TYPE ${name} AS ENUM (${(type.labels ?? []).map((l) => quoteString(l)).join(', ')})`,
      // IF EXISTS: dropping the last table using an enum type, TypeORM's dropTable drops the type too.
      drop: `${type.domain !== null ? 'DROP DOMAIN' : 'DROP TYPE'} IF EXISTS ${name}`,
    });
  }
  return prelude;
}

/** `schema.type` for each enum type createTable creates for the loaded tables' enum columns. */
async function enumTypesCreateTableMakes(queryRunner: QueryRunner, tables: readonly Table[]): Promise<Set<string>> {
  const runner = postgresRunner(queryRunner);
  const made = new Set<string>();
  for (const table of tables) {
    const enums = table.columns.filter(isEnumColumn);
    if (enums.length === 0) continue;
    const { schema } = await tablePath(queryRunner, table.name);
    for (const column of enums) made.add(`${schema}.${runner.buildEnumName(table, column, false, true)}`);
  }
  return made;
}
