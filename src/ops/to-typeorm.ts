/**
 * Our plain specs → TypeORM's schema objects, so every op can be executed by TypeORM's own
 * QueryRunner methods (and its own type rendering, which is what autogenerate compares later).
 */
import { Table, TableCheck, TableColumn, TableExclusion, TableForeignKey, TableIndex, TableUnique, View } from 'typeorm';
import type { ColumnSpec, CheckSpec, ExclusionSpec, ForeignKeySpec, IndexSpec, TableSpec, UniqueSpec, ViewSpec } from './types';

/** Drop `undefined` members so TypeORM's own defaults apply. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function toTableColumn(spec: ColumnSpec): TableColumn {
  // Revision files are often plain JS; accept `length: 320` as well as `'320'`.
  const length = spec.length === undefined ? undefined : String(spec.length);
  return new TableColumn(defined({ ...spec, length }) as ConstructorParameters<typeof TableColumn>[0]);
}

export function toTableIndex(spec: IndexSpec): TableIndex {
  return new TableIndex(defined({ ...spec, columnNames: [...spec.columnNames] }));
}

export function toTableUnique(spec: UniqueSpec): TableUnique {
  return new TableUnique(defined({ ...spec, columnNames: [...spec.columnNames] }));
}

export function toTableCheck(spec: CheckSpec): TableCheck {
  return new TableCheck(defined({ ...spec, columnNames: spec.columnNames ? [...spec.columnNames] : undefined }));
}

/**
 * TypeORM 0.3's TableExclusion has no `deferrable` (its constructor drops it, and its SQL never
 * says DEFERRABLE); there the clause goes into the expression, which TypeORM writes after EXCLUDE.
 */
export function toTableExclusion(spec: ExclusionSpec): TableExclusion {
  const exclusion = new TableExclusion(defined({ ...spec }));
  if (spec.deferrable && !('deferrable' in exclusion)) exclusion.expression = `${spec.expression} DEFERRABLE ${spec.deferrable}`;
  return exclusion;
}

export function toTableForeignKey(spec: ForeignKeySpec): TableForeignKey {
  return new TableForeignKey(
    defined({
      ...spec,
      columnNames: [...spec.columnNames],
      referencedColumnNames: [...spec.referencedColumnNames],
    }),
  );
}

export function toTable(spec: TableSpec): Table {
  return new Table(
    defined({
      name: spec.name,
      comment: spec.comment,
      engine: spec.engine,
      columns: spec.columns.map(toTableColumn),
      indices: (spec.indices ?? []).map(toTableIndex),
      uniques: (spec.uniques ?? []).map(toTableUnique),
      checks: (spec.checks ?? []).map(toTableCheck),
      exclusions: (spec.exclusions ?? []).map(toTableExclusion),
      foreignKeys: (spec.foreignKeys ?? []).map(toTableForeignKey),
    }),
  );
}

export function toView(spec: ViewSpec): View {
  return new View(defined({ name: spec.name, expression: spec.expression, materialized: spec.materialized }));
}
