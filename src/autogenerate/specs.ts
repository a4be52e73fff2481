/**
 * TypeORM schema objects → the plain specs our ops carry, minus the noise that would make
 * revision files hard to read or tie them to one database: the database name in foreign keys,
 * the default schema (in table names too), `null` defaults (the same as no default), empty comments.
 */
import type { Table, TableColumn, TableForeignKey } from 'typeorm';
import { fromTable, fromTableColumn, fromTableForeignKey } from '../ops/from-typeorm';
import { localTableName } from '../ops/table-path';
import type { ColumnSpec, ForeignKeySpec, TableSpec } from '../ops/types';

export interface SpecContext {
  /** The connection's default schema (PostgreSQL `public`), left out of names; undefined elsewhere. */
  defaultSchema?: string;
}

export function columnSpec(column: TableColumn): ColumnSpec {
  return cleanColumn(fromTableColumn(column));
}

export function cleanColumn(spec: ColumnSpec): ColumnSpec {
  const out: ColumnSpec = { ...spec };
  if (out.default === null) delete out.default;
  if (out.comment === '') delete out.comment;
  if (out.precision === null) delete out.precision;
  return out;
}

export function foreignKeySpec(fk: TableForeignKey, ctx: SpecContext): ForeignKeySpec {
  return cleanForeignKey(fromTableForeignKey(fk), ctx);
}

function cleanForeignKey(spec: ForeignKeySpec, ctx: SpecContext): ForeignKeySpec {
  const out: ForeignKeySpec = { ...spec };
  // The database name is the one we are connected to; keeping it would pin the revision to it.
  delete out.referencedDatabase;
  out.referencedTableName = localTableName(out.referencedTableName, ctx.defaultSchema);
  if (out.referencedSchema !== undefined && out.referencedSchema === ctx.defaultSchema) delete out.referencedSchema;
  if (out.referencedSchema !== undefined && out.referencedTableName.startsWith(`${out.referencedSchema}.`)) {
    delete out.referencedSchema;
  }
  return out;
}

export function tableSpec(table: Table, ctx: SpecContext): TableSpec {
  const spec = fromTable(table);
  const out: TableSpec = { ...spec, name: localTableName(spec.name, ctx.defaultSchema), columns: spec.columns.map(cleanColumn) };
  if (spec.foreignKeys) out.foreignKeys = spec.foreignKeys.map((fk) => cleanForeignKey(fk, ctx));
  if (out.comment === '' || out.comment === null) delete out.comment;
  return out;
}
