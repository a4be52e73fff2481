/**
 * The column an `alterColumn` asks for: the live column with `changes` laid over it, in TypeORM's
 * own spelling, so that TypeORM compares like with like (`varchar` from a revision file and
 * `character varying` from the catalog are the same type, and must not look like a type change).
 */
import type { DataSource, TableColumn } from 'typeorm';
import { anyTableColumn, type AnyTableColumn } from '../../typeorm-internals';
import type { ColumnSpec } from '../types';

export function mergeColumn(dataSource: DataSource, old: TableColumn, changes: Partial<ColumnSpec>): TableColumn {
  const next = Object.assign(old.clone(), changes);
  // A revision file in plain JS may give a number.
  if (changes.length !== undefined) next.length = String(changes.length);
  // TypeORM reads a column whose default is a uuid function as a "generated uuid" column: that
  // default is all its generation is. A new default (or none) replaces it, unless the change says
  // otherwise.
  if ('default' in changes && !('isGenerated' in changes) && old.isGenerated && old.generationStrategy === 'uuid') {
    next.isGenerated = false;
    next.generationStrategy = undefined;
  }
  if (changes.type !== undefined) {
    next.type = dataSource.driver.normalizeType({ type: changes.type, isArray: next.isArray });
    if (next.type !== old.type) {
      // A new type does not inherit the old one's size: varchar(255) → text must not become text(255).
      if (!('length' in changes)) next.length = '';
      if (!('precision' in changes)) next.precision = undefined;
      if (!('scale' in changes)) next.scale = undefined;
      if (!('enum' in changes) && !/enum/.test(next.type)) next.enum = undefined;
    }
  }
  if (next.length === undefined) next.length = '';
  return next;
}

/** Changes that TypeORM's PostgreSQL and MySQL `changeColumn` would run as DROP + ADD. */
export function changesStorageType(old: TableColumn, next: TableColumn): boolean {
  return old.type !== next.type || (old.length ?? '') !== (next.length ?? '') || !!old.isArray !== !!next.isArray;
}

/** Copy the named fields of `from` onto `to` (`width` and `zerofill` included: TypeORM 0.3.x only). */
export function copyColumnFields(to: TableColumn, from: TableColumn, keys: readonly (keyof AnyTableColumn)[]): void {
  const target = anyTableColumn(to);
  const source = anyTableColumn(from);
  for (const key of keys) copyField(target, source, key);
}

function copyField<T, K extends keyof T>(to: T, from: T, key: K): void {
  to[key] = from[key];
}
