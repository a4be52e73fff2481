/**
 * A deterministic picture of a database schema, read through TypeORM's own introspection
 * (`queryRunner.getTables()`), for "the schema after downgrade equals the schema before upgrade".
 *
 * Left out: entity-migrate's own tables (version, history, lock), TypeORM's bookkeeping tables and
 * SQLite's internal ones. Order that carries no meaning is made canonical: tables, columns,
 * indices, constraints are sorted by name (a column dropped and re-added comes back last).
 * Index and unique keys keep their order, read from `pg_index` on PostgreSQL (TypeORM's own
 * introspection lists them in table-column order).
 * On PostgreSQL every schema of the user's is read (a table in a second schema is named
 * `schema.table`), and the enum types and their labels are part of the picture.
 */
import type { DataSource, Table } from 'typeorm';
import { dialectFor } from '../../src/dialects';

export interface SchemaSnapshot {
  tables: Record<string, TableSnapshot>;
  /** PostgreSQL enum types: name → labels in order. */
  enums?: Record<string, string[]>;
}

export interface TableSnapshot {
  columns: Record<string, Record<string, unknown>>;
  indices: Record<string, unknown>[];
  uniques: Record<string, unknown>[];
  checks: Record<string, unknown>[];
  foreignKeys: Record<string, unknown>[];
  /** PostgreSQL exclusion constraints; absent when there are none. */
  exclusions?: Record<string, unknown>[];
}

const IGNORED = /^(entity_migrate_|sqlite_|typeorm_metadata$|migrations$|query-result-cache$)/;

/** Drop what says nothing (undefined, '', false, []) so absent and empty compare equal. */
function meaningful(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0)),
  );
}

const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/** PostgreSQL: the schemas a test's tables and types can be in (a second schema's too). */
const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;

/** PostgreSQL: index name → key columns in key order (TypeORM reads them in table-column order). */
type IndexKeyOrder = Map<string, string[]>;

async function postgresIndexKeys(dataSource: DataSource): Promise<IndexKeyOrder> {
  const rows = (await dataSource.query(
    `SELECT i.relname AS index, array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_namespace n ON n.oid = i.relnamespace
       CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
      WHERE ${USER_SCHEMAS}
      GROUP BY i.relname`,
  )) as { index: string; columns: string[] | string }[];
  return new Map(rows.map((r) => [r.index, Array.isArray(r.columns) ? r.columns : parsePgArray(r.columns)]));
}

function tableSnapshot(table: Table, keyOrder?: IndexKeyOrder): TableSnapshot {
  const keys = (name: string | undefined, columnNames: string[]) => (name && keyOrder?.get(name)) || [...columnNames];
  const columns: TableSnapshot['columns'] = {};
  for (const c of [...table.columns].sort((a, b) => a.name.localeCompare(b.name))) {
    columns[c.name] = meaningful({
      type: c.type,
      length: c.length,
      precision: c.precision,
      scale: c.scale,
      // NOT NULL is the meaningful case, but keep both spellings visible in a diff.
      isNullable: c.isNullable ? 'null' : 'not null',
      default: c.default,
      isPrimary: c.isPrimary,
      isUnique: c.isUnique,
      isGenerated: c.isGenerated,
      generationStrategy: c.isGenerated ? c.generationStrategy : undefined,
      isArray: c.isArray,
      // As a set: TypeORM 0.3 lists a PostgreSQL type's labels in creation order, not sort order;
      // the `enums` section (from pg_enum, by enumsortorder) holds the order.
      enum: c.enum ? [...c.enum].sort() : c.enum,
      enumName: c.enumName,
      comment: c.comment,
      charset: c.charset,
      collation: c.collation,
      asExpression: c.asExpression,
      generatedType: c.generatedType,
    });
  }
  const exclusions = table.exclusions.map((e) => meaningful({ name: e.name, expression: e.expression, deferrable: e.deferrable })).sort(byKey);
  return {
    ...(exclusions.length > 0 && { exclusions }),
    columns,
    indices: table.indices
      .map((i) => meaningful({ name: i.name, columnNames: keys(i.name, i.columnNames), isUnique: i.isUnique, where: i.where, isSpatial: i.isSpatial }))
      .sort(byKey),
    uniques: table.uniques.map((u) => meaningful({ name: u.name, columnNames: keys(u.name, u.columnNames) })).sort(byKey),
    checks: table.checks.map((c) => meaningful({ name: c.name, expression: c.expression })).sort(byKey),
    foreignKeys: table.foreignKeys
      .map((fk) =>
        meaningful({
          name: fk.name,
          columnNames: [...fk.columnNames],
          referencedTableName: fk.referencedTableName,
          referencedColumnNames: [...fk.referencedColumnNames],
          onDelete: fk.onDelete,
          onUpdate: fk.onUpdate,
        }),
      )
      .sort(byKey),
  };
}

export async function schemaSnapshot(dataSource: DataSource): Promise<SchemaSnapshot> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    // getTables() without names reads every schema on PostgreSQL (information_schema included)
    // and every database on the MySQL/MariaDB server.
    // Without a scope: every schema of the user's (PostgreSQL), named bare in the default one.
    const names = await dialectFor(dataSource).introspection.tableNames(queryRunner);
    const tables = (names.length === 0 ? [] : await queryRunner.getTables(names))
      .filter((t) => !IGNORED.test(t.name.split('.').pop() ?? t.name))
      .sort((a, b) => a.name.localeCompare(b.name));
    const keyOrder = dataSource.options.type === 'postgres' ? await postgresIndexKeys(dataSource) : undefined;
    const snapshot: SchemaSnapshot = { tables: Object.fromEntries(tables.map((t) => [t.name, tableSnapshot(t, keyOrder)])) };
    if (dataSource.options.type === 'postgres') {
      const rows = (await queryRunner.query(
        `SELECT CASE WHEN n.nspname = current_schema() THEN t.typname ELSE n.nspname || '.' || t.typname END AS name,
                array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
           FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE ${USER_SCHEMAS} GROUP BY n.nspname, t.typname ORDER BY 1`,
      )) as { name: string; labels: string[] | string }[];
      snapshot.enums = Object.fromEntries(rows.map((r) => [r.name, Array.isArray(r.labels) ? r.labels : parsePgArray(r.labels)]));
    }
    return snapshot;
  } finally {
    await queryRunner.release();
  }
}

/** `{a,b}` → ['a', 'b'] (pg returns text[] of an aggregate as text when it cannot tell the type). */
function parsePgArray(text: string): string[] {
  return text
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean)
    .map((s) => s.replace(/^"|"$/g, ''));
}
