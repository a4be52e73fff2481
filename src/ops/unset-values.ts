/**
 * What "not set" looks like for the column properties where `undefined` would read as "keep the
 * current value": an `alterColumn` that removes a property must write one of these. Used by
 * autogenerate (column-changes.ts, a property the new column no longer has) and by the inverse of
 * an alter (reverse.ts, a property the old column did not have).
 *
 * Every value is a real value, so it survives a round trip through JSON and a revision file
 * compiled with `exactOptionalPropertyTypes`: `comment: ''` (TypeORM writes no comment for an
 * empty one) and `precision: null` (TypeORM's own "no precision").
 */
import type { ColumnSpec } from './types';

export const UNSET_COLUMN_VALUES: Partial<Record<keyof ColumnSpec, ColumnSpec[keyof ColumnSpec]>> = {
  default: null,
  isNullable: false,
  isGenerated: false,
  isPrimary: false,
  isUnique: false,
  isArray: false,
  unsigned: false,
  zerofill: false,
  length: '',
  comment: '',
  precision: null,
};
