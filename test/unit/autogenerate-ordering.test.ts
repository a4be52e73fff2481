/**
 * The ordering pass on hand-made ops: foreign keys of dropped tables first, dropped tables last,
 * created tables after the tables they reference (with their foreign keys folded in), cycles
 * broken with a separate createForeignKey, schemas before everything. No database.
 */
import { orderOps } from '../../src/autogenerate/passes/ordering';
import type { ForeignKeySpec, Op, TableSpec } from '../../src/ops/types';

const id = { name: 'id', type: 'integer', isPrimary: true };
const fk = (column: string, to: string, extra: Partial<ForeignKeySpec> = {}): ForeignKeySpec => ({
  name: `FK_${column}`,
  columnNames: [column],
  referencedTableName: to,
  referencedColumnNames: ['id'],
  ...extra,
});
const table = (name: string, ...foreignKeys: ForeignKeySpec[]): TableSpec => ({
  name,
  columns: [id, ...foreignKeys.map((f) => ({ name: f.columnNames[0], type: 'integer' }))],
  ...(foreignKeys.length > 0 && { foreignKeys }),
});
const kinds = (ops: readonly Op[]) => ops.map((op) => `${op.kind}:${'table' in op ? (typeof op.table === 'string' ? op.table : op.table.name) : 'schema' in op ? op.schema : ''}`);

test('a created table follows the table it references, and the builder\'s createForeignKey is folded in', () => {
  const ops: Op[] = [
    { kind: 'createTable', table: table('post') },
    { kind: 'createTable', table: table('author') },
    { kind: 'createForeignKey', table: 'post', foreignKey: fk('author_id', 'author') },
  ];
  const result = orderOps({ ops, destructive: [] });
  expect(kinds(result.ops)).toEqual(['createTable:author', 'createTable:post']);
  expect(result.ops[1]).toEqual({ kind: 'createTable', table: { ...table('post'), foreignKeys: [fk('author_id', 'author')] } });
});

test('the default schema does not hide a reference (public.author is author)', () => {
  const ops: Op[] = [{ kind: 'createTable', table: table('post', fk('author_id', 'public.author')) }, { kind: 'createTable', table: table('author') }];
  expect(kinds(orderOps({ ops, destructive: [] }, 'public').ops)).toEqual(['createTable:author', 'createTable:post']);
  // Without knowing the default schema the names differ and the input order stays.
  expect(kinds(orderOps({ ops, destructive: [] }).ops)).toEqual(['createTable:post', 'createTable:author']);
});

test('a cycle keeps the foreign key that closes it as a createForeignKey after the creates', () => {
  const ops: Op[] = [
    { kind: 'createTable', table: table('a', fk('b_id', 'b')) },
    { kind: 'createTable', table: table('b', fk('a_id', 'a')) },
  ];
  const result = orderOps({ ops, destructive: [] });
  expect(kinds(result.ops)).toEqual(['createTable:a', 'createTable:b', 'createForeignKey:a']);
  // No `foreignKeys: []` left behind for the revision file to show.
  expect(result.ops[0]).toMatchObject({ table: { name: 'a' } });
  expect((result.ops[0] as { table: object }).table).not.toHaveProperty('foreignKeys');
  expect(result.ops[1]).toMatchObject({ table: { name: 'b', foreignKeys: [fk('a_id', 'a')] } });
  expect(result.ops[2]).toEqual({ kind: 'createForeignKey', table: 'a', foreignKey: fk('b_id', 'b') });
});

test('a dropped table loses its foreign keys to separate drops first, and goes last', () => {
  const post = table('post', fk('author_id', 'author'));
  const dropPost: Op = { kind: 'dropTable', table: post };
  const ops: Op[] = [
    dropPost,
    { kind: 'dropTable', table: table('author') },
    { kind: 'addColumn', table: 'other', column: { name: 'x', type: 'integer' } },
    { kind: 'dropForeignKey', table: 'other', foreignKey: fk('y', 'author') },
  ];
  const result = orderOps({ ops, destructive: [{ op: dropPost, reason: 'drops table post and its data' }] });
  expect(kinds(result.ops)).toEqual(['dropForeignKey:post', 'dropForeignKey:other', 'addColumn:other', 'dropTable:post', 'dropTable:author']);
  const { foreignKeys: _, ...postWithoutFks } = post;
  expect(result.ops[3]).toEqual({ kind: 'dropTable', table: postWithoutFks });
  // The finding follows the replaced op by identity, so the renderer can still comment it.
  expect(result.destructive[0].op).toBe(result.ops[3]);
});

test('schemas are created first; the creates stand where the first create stood', () => {
  const ops: Op[] = [
    { kind: 'addColumn', table: 'x', column: { name: 'a', type: 'integer' } },
    { kind: 'createTable', table: table('audit.event') },
    { kind: 'addColumn', table: 'y', column: { name: 'b', type: 'integer' } },
    { kind: 'createSchema', schema: 'audit' },
  ];
  expect(kinds(orderOps({ ops, destructive: [] }).ops)).toEqual(['createSchema:audit', 'addColumn:x', 'createTable:audit.event', 'addColumn:y']);
});

test('indices, uniques and checks on a created table go into its createTable, even when listed before it', () => {
  const junction = table('post_category', fk('post_id', 'post'));
  const ops: Op[] = [
    { kind: 'createIndex', table: 'post_category', index: { name: 'IX_early', columnNames: ['post_id'] } },
    { kind: 'addColumn', table: 'other', column: { name: 'x', type: 'integer' } },
    { kind: 'createTable', table: junction },
    { kind: 'createIndex', table: 'public.post_category', index: { name: 'IX_late', columnNames: ['id'] } },
    { kind: 'createUnique', table: 'post_category', unique: { name: 'UQ_pc', columnNames: ['id', 'post_id'] } },
    { kind: 'createCheck', table: 'post_category', check: { name: 'CHK_pc', expression: 'id > 0' } },
    { kind: 'createIndex', table: 'other', index: { name: 'IX_other', columnNames: ['x'] } },
  ];
  const result = orderOps({ ops, destructive: [] }, 'public');
  expect(kinds(result.ops)).toEqual(['addColumn:other', 'createTable:post_category', 'createIndex:other']);
  expect(result.ops[1]).toEqual({
    kind: 'createTable',
    table: {
      ...junction,
      indices: [{ name: 'IX_early', columnNames: ['post_id'] }, { name: 'IX_late', columnNames: ['id'] }],
      uniques: [{ name: 'UQ_pc', columnNames: ['id', 'post_id'] }],
      checks: [{ name: 'CHK_pc', expression: 'id > 0' }],
    },
  });
});

test('a created table\'s foreign key to a column the revision adds or makes unique waits after that change', () => {
  const mention = table('mention');
  const toSlug = fk('post_slug', 'post', { name: 'FK_slug', referencedColumnNames: ['slug'] });
  const toId = fk('post_id', 'post', { name: 'FK_id' });
  const ops: Op[] = [
    { kind: 'createTable', table: mention },
    { kind: 'addColumn', table: 'post', column: { name: 'slug', type: 'varchar' } },
    { kind: 'createUnique', table: 'post', unique: { name: 'UQ_slug', columnNames: ['slug'] } },
    { kind: 'createForeignKey', table: 'mention', foreignKey: toSlug },
    { kind: 'createForeignKey', table: 'mention', foreignKey: toId },
  ];
  const result = orderOps({ ops, destructive: [] });
  expect(kinds(result.ops)).toEqual(['createTable:mention', 'addColumn:post', 'createUnique:post', 'createForeignKey:mention']);
  // The key to the untouched id column needs nothing the revision does: it goes into the table.
  expect(result.ops[0]).toEqual({ kind: 'createTable', table: { ...mention, foreignKeys: [toId] } });
  expect(result.ops[3]).toEqual({ kind: 'createForeignKey', table: 'mention', foreignKey: toSlug });
});
