/**
 * TypeORM's PostgreSQL introspection groups the rows of foreign keys, uniques and checks by
 * constraint name alone, across every table it reads. Its constraint names come from the table
 * name without the schema (`FK_` + hash of `child_ownerId`), so `public.child` and `audit.child`
 * with the same relation share one name, and each reads back with the other's columns too:
 * `(ownerId, ownerId) → owner(id, id)`. A drop op carrying that could never be undone (the
 * downgrade's ADD CONSTRAINT is refused). The columns are read again here, per table.
 */
import type { QueryRunner, Table } from 'typeorm';
import { catalogScope, parseArray } from './catalog-scope';

interface ConstraintColumns {
  schema: string;
  table: string;
  name: string;
  columns: string[] | string;
  /** Foreign keys: the referenced columns, pairwise. */
  referenced: string[] | string;
}

/** Puts back, in place, the columns of each foreign key, unique and check that read more than it has. */
export async function fixConstraintColumns(queryRunner: QueryRunner, tables: readonly Table[]): Promise<void> {
  const constrained = tables.filter((t) => t.foreignKeys.length > 0 || t.uniques.length > 0 || t.checks.length > 0);
  if (constrained.length === 0) return;
  const scope = await catalogScope(queryRunner, constrained);
  const rows = (await queryRunner.query(
    `SELECT n.nspname AS schema, c.relname AS table, con.conname AS name,
            array_agg(a.attname::text ORDER BY k.ord) AS columns,
            array_agg(COALESCE(fa.attname::text, '') ORDER BY k.ord) AS referenced
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(con.conkey, COALESCE(con.confkey, con.conkey)) WITH ORDINALITY AS k(attnum, fattnum, ord)
       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
       LEFT JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.fattnum
      WHERE con.contype IN ('f', 'u', 'c') AND n.nspname = ANY($1) AND c.relname = ANY($2)
      GROUP BY n.nspname, c.relname, con.conname`,
    scope.params,
  )) as ConstraintColumns[];
  const own = new Map(rows.map((r) => [`${r.schema}\u0000${r.table}\u0000${r.name}`, { columns: parseArray(r.columns), referenced: parseArray(r.referenced) }]));
  for (const table of constrained) {
    const { schema, table: name } = scope.locate(table);
    const ofTable = (constraint: string | undefined) => (constraint === undefined ? undefined : own.get(`${schema}\u0000${name}\u0000${constraint}`));
    for (const fk of table.foreignKeys) {
      const actual = ofTable(fk.name);
      if (!actual || actual.columns.length === fk.columnNames.length) continue;
      fk.columnNames = actual.columns;
      fk.referencedColumnNames = actual.referenced;
    }
    for (const item of [...table.uniques, ...table.checks]) {
      const actual = ofTable(item.name);
      if (actual && actual.columns.length !== (item.columnNames ?? []).length) item.columnNames = actual.columns;
    }
  }
}
