/**
 * Autogenerate: recorded schema-builder calls → ops, with the calls built by hand from TypeORM's
 * schema classes (as the recording QueryRunner captures them): no database, no DataSource.
 */
import { Table, TableColumn, TableExclusion, TableForeignKey, TableIndex } from 'typeorm';
import type { DataSource } from 'typeorm';
import { callsToOps, type CallContext } from '../../src/autogenerate/calls-to-ops';
import type { RecordedCall } from '../../src/autogenerate/record-schema-builder';

const ctx: CallContext = { dataSource: {} as DataSource, defaultSchema: 'public' };
const call = (method: string, ...args: unknown[]): RecordedCall => ({ method, args, upSql: ['-- some SQL'] });

const user = () =>
  new Table({
    name: 'user',
    columns: [
      { name: 'id', type: 'integer', isPrimary: true },
      { name: 'name', type: 'varchar', length: '100', isNullable: false, default: null },
    ],
    indices: [{ name: 'IDX_user_name', columnNames: ['name'] }],
  });

test('addColumns and dropColumns give one op per column; the drop carries the full column', () => {
  const t = user();
  const age = new TableColumn({ name: 'age', type: 'integer', isNullable: true, default: '0' });
  const ops = callsToOps([call('addColumns', t, [age]), call('dropColumn', t, t.findColumnByName('name'))], ctx);
  expect(ops).toEqual([
    { kind: 'addColumn', table: 'user', column: expect.objectContaining({ name: 'age', type: 'integer', isNullable: true, default: '0' }) },
    { kind: 'dropColumn', table: 'user', column: expect.objectContaining({ name: 'name', type: 'varchar', length: '100', isNullable: false }) },
  ]);
  // A null default is the same as none and is left out.
  expect(ops[1]).not.toHaveProperty('column.default');
});

test('changeColumns becomes alterColumn with only the changed keys and the old column as existing', () => {
  const t = user();
  const old = t.findColumnByName('name')!;
  const next = new TableColumn({ ...old, isNullable: true });
  const [op] = callsToOps([call('changeColumns', t, [{ oldColumn: old, newColumn: next }])], ctx);
  expect(op).toMatchObject({ kind: 'alterColumn', table: 'user', column: 'name', changes: { isNullable: true } });
  expect(Object.keys((op as { changes: object }).changes)).toEqual(['isNullable']);
  expect(op).toHaveProperty('existing.isNullable', false);
});

test('a call that produced no SQL changed nothing and gives no op', () => {
  expect(callsToOps([{ ...call('changeTableComment', user(), 'same'), upSql: [] }], ctx)).toEqual([]);
});

test('updatePrimaryKeys drops the old key before creating the new one', () => {
  const t = user();
  expect(callsToOps([call('updatePrimaryKeys', t, [t.findColumnByName('id'), t.findColumnByName('name')])], ctx)).toEqual([
    { kind: 'dropPrimaryKey', table: 'user', columnNames: ['id'] },
    { kind: 'createPrimaryKey', table: 'user', columnNames: ['id', 'name'] },
  ]);
});

test('foreign keys lose the default schema and the database name', () => {
  const fk = new TableForeignKey({
    name: 'FK_post_author',
    columnNames: ['author_id'],
    referencedTableName: 'user',
    referencedColumnNames: ['id'],
    referencedSchema: 'public',
    referencedDatabase: 'app',
    onDelete: 'CASCADE',
  });
  const [op] = callsToOps([call('createForeignKeys', new Table({ name: 'post', columns: [] }), [fk])], ctx);
  expect(op).not.toHaveProperty('foreignKey.referencedSchema');
  expect(op).not.toHaveProperty('foreignKey.referencedDatabase');
  expect(op).toMatchObject({ foreignKey: { name: 'FK_post_author', columnNames: ['author_id'], referencedTableName: 'user', onDelete: 'CASCADE' } });
});

test('changeTableComment keeps the old comment for the inverse', () => {
  const t = new Table({ name: 'user', columns: [], comment: 'old' });
  expect(callsToOps([call('changeTableComment', t, 'new')], ctx)).toEqual([{ kind: 'setTableComment', table: 'user', comment: 'new', existing: 'old' }]);
  expect(callsToOps([call('changeTableComment', t, undefined)], ctx)).toEqual([{ kind: 'setTableComment', table: 'user', comment: null, existing: 'old' }]);
});

test('an index TypeORM re-creates after its DROP + ADD of a retyped column is dropped: our in-place alter keeps it', () => {
  const t = user();
  const old = t.findColumnByName('name')!;
  const retyped = new TableColumn({ ...old, type: 'text', length: '' });
  const recreate = call('createIndices', t, [new TableIndex({ name: 'IDX_user_name', columnNames: ['name'] })]);
  const ops = callsToOps([call('changeColumns', t, [{ oldColumn: old, newColumn: retyped }]), recreate], ctx);
  expect(ops.map((op) => op.kind)).toEqual(['alterColumn']);
  // Without the retype, the same createIndices is a real new index.
  expect(callsToOps([recreate], ctx)).toEqual([{ kind: 'createIndex', table: 'user', index: expect.objectContaining({ name: 'IDX_user_name', columnNames: ['name'] }) }]);
});

test('exclusion constraints become createExclusion / dropExclusion, the drop carrying the full constraint', () => {
  const t = user();
  const room = new TableExclusion({ name: 'XCL_room', expression: 'USING gist ("room" WITH =)' });
  const slot = new TableExclusion({ name: 'XCL_slot', expression: 'USING btree ("slot" WITH =)', deferrable: 'INITIALLY DEFERRED' });
  const ops = callsToOps([call('dropExclusionConstraints', t, [room]), call('createExclusionConstraints', t, [room, slot])], ctx);
  expect(ops).toEqual([
    { kind: 'dropExclusion', table: 'user', exclusion: { name: 'XCL_room', expression: 'USING gist ("room" WITH =)' } },
    { kind: 'createExclusion', table: 'user', exclusion: { name: 'XCL_room', expression: 'USING gist ("room" WITH =)' } },
    // TypeORM 0.3's TableExclusion has no deferrable.
    { kind: 'createExclusion', table: 'user', exclusion: { name: 'XCL_slot', expression: 'USING btree ("slot" WITH =)', ...(slot.deferrable && { deferrable: 'INITIALLY DEFERRED' }) } },
  ]);
});

test('an unknown method is an error, not a silent miss', () => {
  expect(() => callsToOps([call('renameSequence', user())], ctx)).toThrow(
    "autogenerate: TypeORM's schema builder called renameSequence(), which entity-migrate does not understand yet",
  );
});
