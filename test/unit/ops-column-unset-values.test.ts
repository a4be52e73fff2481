/**
 * Ops: one table of "unset" column values (src/ops/unset-values.ts) serves both the forward diff
 * (columnChanges) and the inverse of an alter (reverseOp). They used to be two tables that
 * disagreed on `comment` and `precision`: the forward diff wrote `comment: ''` and
 * `precision: null`, the inverse `undefined`, which a JSON round trip drops (leaving an alter
 * with nothing to change) and a revision compiled with `exactOptionalPropertyTypes` rejects.
 * No database.
 */
import { columnChanges } from '../../src/autogenerate/column-changes';
import { reverseOp } from '../../src/ops/reverse';
import type { ColumnSpec, Op } from '../../src/ops/types';

const price: ColumnSpec = { name: 'price', type: 'numeric', scale: 2 };
const commented: ColumnSpec = { ...price, comment: 'in cents', precision: 10 };

test('removing a comment and a precision: the forward diff and the inverse of adding them agree', () => {
  const removal = columnChanges(commented, price);
  expect(removal).toEqual({ comment: '', precision: null });

  const add: Op = { kind: 'alterColumn', table: 'item', column: 'price', changes: columnChanges(price, commented), existing: price };
  expect(add).toMatchObject({ changes: { comment: 'in cents', precision: 10 } });
  const back = reverseOp(add) as Extract<Op, { kind: 'alterColumn' }>;
  expect(back.changes).toEqual(removal);
});

test('the inverse survives a JSON round trip with every key it resets', () => {
  const add: Op = { kind: 'alterColumn', table: 'item', column: 'price', changes: { comment: 'in cents' }, existing: price };
  const back = reverseOp(add) as Extract<Op, { kind: 'alterColumn' }>;
  expect(JSON.parse(JSON.stringify(back.changes))).toEqual({ comment: '' });
});

test('other unset values are unchanged: nullability, default, length', () => {
  const name: ColumnSpec = { name: 'name', type: 'varchar' };
  const back = reverseOp({ kind: 'alterColumn', table: 't', column: 'name', changes: { isNullable: true, default: "'x'", length: '20' }, existing: name });
  expect(back).toMatchObject({ changes: { isNullable: false, default: null, length: '' } });
});
