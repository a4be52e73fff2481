/**
 * Autogenerate, the safe-alter pass on hand-made alterColumn ops: changes stay in place, with a USING on
 * PostgreSQL where the value needs converting; what can lose data is flagged; a change with no
 * in-place form becomes an explicit, flagged drop + add. No database.
 */
import { safeAlter } from '../../src/autogenerate/passes/safe-alter';
import type { PassContext } from '../../src/autogenerate/passes/pass';
import { mysqlDialect } from '../../src/dialects/mysql';
import { postgresDialect } from '../../src/dialects/postgres';
import { sqliteDialect } from '../../src/dialects/sqlite';
import type { ColumnSpec, Op } from '../../src/ops/types';

const pg = { dialect: postgresDialect };
const sqlite = { dialect: sqliteDialect };
const mysql = { dialect: mysqlDialect };

const alter = (existing: ColumnSpec, changes: Partial<ColumnSpec>): Op => ({ kind: 'alterColumn', table: 'user', column: existing.name, changes, existing });
const reasons = (op: Op, ctx: Pick<PassContext, 'dialect'>) => safeAlter({ ops: [op], destructive: [] }, ctx).destructive.map((d) => d.reason);

const name: ColumnSpec = { name: 'name', type: 'varchar', length: '320' };
const age: ColumnSpec = { name: 'age', type: 'integer' };

test('a widening is kept in place and not flagged', () => {
  const op = alter(age, { type: 'bigint' });
  expect(safeAlter({ ops: [op], destructive: [] }, pg)).toEqual({ ops: [op], destructive: [] });
  expect(reasons(alter(name, { type: 'text', length: '' }), pg)).toEqual([]);
  expect(reasons(alter(name, { length: '400' }), pg)).toEqual([]);
});

test('a narrowing type, a shorter length, less precision, removed enum values are flagged', () => {
  expect(reasons(alter(age, { type: 'varchar' }), pg)).toEqual(['changes user.age from integer to varchar; values that do not convert make the upgrade fail or change']);
  expect(reasons(alter(name, { length: '255' }), mysql)).toEqual(['shortens user.name from 320 to 255; longer values make the upgrade fail']);
  expect(reasons(alter({ name: 'body', type: 'varchar' }, { length: '10' }), pg)).toEqual(['shortens user.body from unbounded to 10; longer values make the upgrade fail']);
  expect(reasons(alter({ name: 'price', type: 'numeric', precision: 10, scale: 2 }, { scale: 1 }), pg)).toEqual([
    'reduces the precision/scale of user.price; values are rounded or rejected',
  ]);
  expect(reasons(alter({ name: 'state', type: 'enum', enum: ['a', 'b', 'c'] }, { enum: ['a'] }), pg)).toEqual([
    'removes enum value(s) b, c from user.state; rows holding them make the upgrade fail',
  ]);
});

test('SQLite is never flagged: it does not enforce types and its rebuild copies every value', () => {
  expect(reasons(alter(name, { length: '10' }), sqlite)).toEqual([]);
  expect(reasons(alter(age, { type: 'varchar' }), sqlite)).toEqual([]);
});

test('PostgreSQL gets a USING for array changes; the finding points at the op that carries it', () => {
  const tags: ColumnSpec = { name: 'tags', type: 'text' };
  const toArray = safeAlter({ ops: [alter(tags, { isArray: true })], destructive: [] }, pg);
  expect(toArray.ops).toEqual([{ ...alter(tags, { isArray: true }), using: 'ARRAY["tags"]' }]);
  const toScalar = safeAlter({ ops: [alter({ ...tags, isArray: true }, { isArray: false })], destructive: [] }, pg);
  expect(toScalar.ops[0]).toMatchObject({ using: '"tags"[1]' });
  expect(toScalar.destructive).toEqual([{ op: toScalar.ops[0], reason: 'turns array column user.tags into a scalar; only the first element is kept' }]);
  // Elsewhere no USING.
  expect(safeAlter({ ops: [alter(tags, { isArray: true })], destructive: [] }, mysql).ops[0]).not.toHaveProperty('using');
});

test('a stored generated column cannot change in place: explicit drop + add, the drop flagged', () => {
  const total: ColumnSpec = { name: 'total', type: 'integer', generatedType: 'STORED', asExpression: 'a + b' };
  const result = safeAlter({ ops: [alter(total, { asExpression: 'a * b' })], destructive: [] }, pg);
  expect(result.ops).toEqual([
    { kind: 'dropColumn', table: 'user', column: total },
    { kind: 'addColumn', table: 'user', column: { ...total, asExpression: 'a * b' } },
  ]);
  expect(result.destructive).toEqual([
    { op: result.ops[0], reason: 'user.total: a stored generated column cannot be altered in place; the column is dropped and re-added (its values are recomputed)' },
  ]);
});

test('other ops, and an alter without existing, pass through; earlier findings are kept', () => {
  const add: Op = { kind: 'addColumn', table: 'user', column: age };
  const bare: Op = { kind: 'alterColumn', table: 'user', column: 'age', changes: { type: 'varchar' } };
  const earlier = { op: add, reason: 'earlier' };
  expect(safeAlter({ ops: [add, bare], destructive: [earlier] }, pg)).toEqual({ ops: [add, bare], destructive: [earlier] });
});
