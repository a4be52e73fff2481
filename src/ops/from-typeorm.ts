/**
 * TypeORM's schema objects → our plain specs: what a drop op must carry so that its inverse can
 * recreate the object exactly (autogenerate and tests read live tables through this).
 */
import type { Table, TableCheck, TableColumn, TableExclusion, TableForeignKey, TableIndex, TableUnique, View } from 'typeorm';
import { anyTableColumn } from '../typeorm-internals';
import type { CheckSpec, ColumnSpec, ExclusionSpec, ForeignKeySpec, IndexSpec, ReferentialAction, TableSpec, UniqueSpec, ViewSpec } from './types';

/** Keep only members that say something: TypeORM fills unset options with `''`, `false`, `[]`. */
function meaningful<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) => v !== undefined && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;
}

/** `isNullable` is always kept: `false` (NOT NULL) is the meaningful case. */
export function fromTableColumn(column: TableColumn): ColumnSpec {
  const spec = meaningful<ColumnSpec>({
    name: column.name,
    type: column.type,
    default: column.default as ColumnSpec['default'],
    onUpdate: column.onUpdate,
    isGenerated: column.isGenerated,
    generationStrategy: column.generationStrategy,
    isPrimary: column.isPrimary,
    isUnique: column.isUnique,
    isArray: column.isArray,
    comment: column.comment,
    length: column.length,
    width: anyTableColumn(column).width,
    charset: column.charset,
    collation: column.collation,
    precision: column.precision ?? undefined,
    scale: column.scale,
    zerofill: anyTableColumn(column).zerofill,
    unsigned: column.unsigned,
    enum: column.enum,
    enumName: column.enumName,
    primaryKeyConstraintName: column.primaryKeyConstraintName,
    asExpression: column.asExpression,
    generatedType: column.generatedType,
    generatedIdentity: column.generatedIdentity,
    spatialFeatureType: column.spatialFeatureType,
    srid: column.srid,
  });
  return { ...spec, isNullable: column.isNullable };
}

export function fromTableIndex(index: TableIndex): IndexSpec {
  return meaningful<IndexSpec>({
    name: index.name,
    columnNames: [...index.columnNames],
    isUnique: index.isUnique,
    isSpatial: index.isSpatial,
    isConcurrent: index.isConcurrent,
    isFulltext: index.isFulltext,
    isNullFiltered: index.isNullFiltered,
    parser: index.parser,
    where: index.where,
  });
}

export function fromTableUnique(unique: TableUnique): UniqueSpec {
  return meaningful<UniqueSpec>({ name: unique.name, columnNames: [...unique.columnNames], deferrable: unique.deferrable });
}

export function fromTableCheck(check: TableCheck): CheckSpec {
  return meaningful<CheckSpec>({ name: check.name, columnNames: check.columnNames, expression: check.expression ?? '' });
}

/** TypeORM 0.3's TableExclusion has no `deferrable` (it reads as absent; see to-typeorm.ts). */
export function fromTableExclusion(exclusion: TableExclusion): ExclusionSpec {
  return meaningful<ExclusionSpec>({ name: exclusion.name, expression: exclusion.expression ?? '', deferrable: exclusion.deferrable });
}

export function fromTableForeignKey(fk: TableForeignKey): ForeignKeySpec {
  return meaningful<ForeignKeySpec>({
    name: fk.name,
    columnNames: [...fk.columnNames],
    referencedTableName: fk.referencedTableName,
    referencedColumnNames: [...fk.referencedColumnNames],
    referencedSchema: fk.referencedSchema,
    referencedDatabase: fk.referencedDatabase,
    onDelete: fk.onDelete as ReferentialAction | undefined,
    onUpdate: fk.onUpdate as ReferentialAction | undefined,
    deferrable: fk.deferrable,
  });
}

export function fromTable(table: Table): TableSpec {
  return meaningful<TableSpec>({
    name: table.name,
    columns: table.columns.map(fromTableColumn),
    indices: table.indices.map(fromTableIndex),
    uniques: table.uniques.map(fromTableUnique),
    checks: table.checks.map(fromTableCheck),
    exclusions: table.exclusions.map(fromTableExclusion),
    foreignKeys: table.foreignKeys.map(fromTableForeignKey),
    comment: table.comment,
    engine: table.engine,
  });
}

export function fromView(view: View): ViewSpec {
  const expression = typeof view.expression === 'string' ? view.expression : '';
  return meaningful<ViewSpec>({ name: view.name, expression, materialized: view.materialized });
}
