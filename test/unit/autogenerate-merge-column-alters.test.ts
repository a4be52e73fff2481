/**
 * Autogenerate's merge of the alters of one column (several descriptions of one table that
 * disagree, TypeORM changing the column once per description): one net alter, none when it ends
 * where it started, folded into a createTable of the same diff. No database.
 */
import { mergeColumnAlters } from '../../src/autogenerate/passes/merge-column-alters';
import type { ColumnSpec, Op } from '../../src/ops/types';

const column = (type: string, over: Partial<ColumnSpec> = {}): ColumnSpec => ({ name: 'data', type, isNullable: true, ...over });
const alter = (from: ColumnSpec, changes: Partial<ColumnSpec>): Op => ({ kind: 'alterColumn', table: 'thing', column: from.name, changes, existing: from });

test('two alters that undo each other: none', () => {
  const ops = [alter(column('text'), { type: 'jsonb' }), alter(column('jsonb'), { type: 'text' })];
  const destructive = [{ op: ops[1]!, reason: 'changes thing.data from jsonb to text' }];
  expect(mergeColumnAlters({ ops, destructive })).toEqual({ ops: [], destructive: [] });
});

test('two alters that end elsewhere: one, from the first column to the last', () => {
  const ops = [alter(column('integer'), { type: 'bigint' }), alter(column('bigint'), { type: 'text', isNullable: false })];
  expect(mergeColumnAlters({ ops, destructive: [] }).ops).toEqual([alter(column('integer'), { type: 'text', isNullable: false })]);
});

test('alters of other columns and other ops stay as they are', () => {
  const other = alter(column('integer', { name: 'n' }), { type: 'bigint' });
  const index: Op = { kind: 'createIndex', table: 'thing', index: { name: 'IX', columnNames: ['n'] } };
  const ops = [alter(column('text'), { type: 'jsonb' }), other, index, alter(column('jsonb'), { type: 'text' })];
  expect(mergeColumnAlters({ ops, destructive: [] }).ops).toEqual([other, index]);
});

test('an alter of a table created in the same diff is folded into its createTable', () => {
  const create: Op = { kind: 'createTable', table: { name: 'thing', columns: [{ name: 'id', type: 'integer', isPrimary: true }, column('jsonb')] } };
  const result = mergeColumnAlters({ ops: [create, alter(column('jsonb'), { type: 'text' })], destructive: [] });
  expect(result.ops).toEqual([{ kind: 'createTable', table: { name: 'thing', columns: [{ name: 'id', type: 'integer', isPrimary: true }, column('text')] } }]);
});

test('a change a createTable cannot take (the primary key) stays an alter', () => {
  const create: Op = { kind: 'createTable', table: { name: 'thing', columns: [column('integer')] } };
  const change = alter(column('integer'), { isPrimary: true });
  expect(mergeColumnAlters({ ops: [create, change], destructive: [] }).ops).toEqual([create, change]);
});
