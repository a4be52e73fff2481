/**
 * Rendering a few ops to revision-file statements, on hand-made ops: one `await op.…(…);` per
 * op, grouped under a `// table …` comment, destructive findings commented above their op, and
 * the downgrade rendered from the reversed ops. No database.
 */
import { describeOp } from '../../src/ops/describe';
import { renderOp, renderOps, renderRevision } from '../../src/autogenerate/render';
import type { Op } from '../../src/ops/types';

const addAge: Op = { kind: 'addColumn', table: 'user', column: { name: 'age', type: 'integer', isNullable: false, default: '0' } };
const dropName: Op = { kind: 'dropColumn', table: 'user', column: { name: 'name', type: 'varchar', length: '100' } };
const index: Op = { kind: 'createIndex', table: 'post', index: { name: 'IDX_post_title', columnNames: ['title'] } };

test('one statement per op, arguments as literals', () => {
  expect(renderOp(addAge)).toBe("await op.addColumn('user', { name: 'age', type: 'integer', isNullable: false, default: '0' });");
  expect(renderOp({ kind: 'renameTable', from: 'audit.event', to: 'log' })).toBe("await op.renameTable('audit.event', 'log');");
  expect(renderOp({ kind: 'execute', sql: "SELECT 'it''s'" })).toBe('await op.execute("SELECT \'it\'\'s\'");');
  // Trailing unset optional arguments are left out.
  expect(renderOp({ kind: 'alterColumn', table: 'user', column: 'age', changes: { type: 'bigint' } })).toBe("await op.alterColumn('user', 'age', { type: 'bigint' });");
  expect(renderOp({ kind: 'createPrimaryKey', table: 'user', columnNames: ['id'] })).toBe("await op.createPrimaryKey('user', ['id']);");
});

test('exclusion constraints: create and drop render as op calls, describe with their expression, and reverse into each other', () => {
  const exclusion = { name: 'XCL_booking_slot', expression: 'USING btree ("slot" WITH =)', deferrable: 'INITIALLY DEFERRED' };
  const create: Op = { kind: 'createExclusion', table: 'booking', exclusion };
  expect(renderOp(create)).toBe(
    `await op.createExclusion('booking', { name: 'XCL_booking_slot', expression: 'USING btree ("slot" WITH =)', deferrable: 'INITIALLY DEFERRED' });`,
  );
  expect(renderOp({ kind: 'dropExclusion', table: 'booking', exclusion: 'XCL_booking_slot' })).toBe("await op.dropExclusion('booking', 'XCL_booking_slot');");
  expect(describeOp(create)).toBe('+ exclusion XCL_booking_slot on booking: USING btree ("slot" WITH =) DEFERRABLE INITIALLY DEFERRED');
  // A drop with no re-create is as visible as a dropped check: its name and what it enforced.
  expect(describeOp({ kind: 'dropExclusion', table: 'booking', exclusion: { expression: 'USING gist ("area" WITH &&)' } })).toBe(
    '- exclusion on booking: USING gist ("area" WITH &&)',
  );
  const { upgradeBody, downgradeBody } = renderRevision({ ops: [create], destructive: [] });
  expect(upgradeBody).toContain('await op.createExclusion(');
  expect(downgradeBody.split('\n')).toEqual([
    '  // table booking',
    `  await op.dropExclusion('booking', { name: 'XCL_booking_slot', expression: 'USING btree ("slot" WITH =)', deferrable: 'INITIALLY DEFERRED' });`,
  ]);
});

test('a table spec spreads over several lines', () => {
  const create: Op = { kind: 'createTable', table: { name: 'tag', columns: [{ name: 'id', type: 'integer', isPrimary: true }], indices: [{ columnNames: ['id'] }] } };
  expect(renderOp(create)).toBe(
    ['await op.createTable({', "  name: 'tag',", '  columns: [', "    { name: 'id', type: 'integer', isPrimary: true },", '  ],', '  indices: [', "    { columnNames: ['id'] },", '  ],', '});'].join('\n'),
  );
});

test('ops are grouped by table and destructive ones are commented with their hint', () => {
  const body = renderOps([addAge, dropName, index], [{ op: dropName, reason: 'drops column user.name and its data', hint: 'pass --rename user.name:full_name' }]);
  expect(body.split('\n')).toEqual([
    '  // table user',
    "  await op.addColumn('user', { name: 'age', type: 'integer', isNullable: false, default: '0' });",
    '  // DESTRUCTIVE: drops column user.name and its data',
    '  //   pass --rename user.name:full_name',
    "  await op.dropColumn('user', { name: 'name', type: 'varchar', length: '100' });",
    '',
    '  // table post',
    "  await op.createIndex('post', { name: 'IDX_post_title', columnNames: ['title'] });",
  ]);
  expect(renderOps([])).toBe('');
});

test('the downgrade is the reversed ops in reverse order; an op without inverse becomes a MANUAL comment', () => {
  const { downgradeBody, summary } = renderRevision({ ops: [addAge, { kind: 'execute', sql: 'SELECT 1' }, index], destructive: [] });
  expect(downgradeBody.split('\n')).toEqual([
    '  // table post',
    "  await op.dropIndex('post', { name: 'IDX_post_title', columnNames: ['title'] });",
    '',
    '  // MANUAL: execute cannot be reversed: raw SQL has no known inverse; write the downgrade by hand',
    '',
    '  // table user',
    "  await op.dropColumn('user', { name: 'age', type: 'integer', isNullable: false, default: '0' });",
  ]);
  expect(summary).toContain(' *   + column user.age\n *   ! raw SQL: SELECT 1\n *   + index IDX_post_title on post (title)');
});

test('describeOp: one short line per op', () => {
  expect(describeOp(dropName)).toBe('- column user.name');
  expect(describeOp({ kind: 'alterColumn', table: 'user', column: 'age', changes: { type: 'bigint', isNullable: true } })).toBe('~ column user.age (type, isNullable)');
  expect(describeOp({ kind: 'createForeignKey', table: 'post', foreignKey: { columnNames: ['author_id'], referencedTableName: 'user', referencedColumnNames: ['id'], onDelete: 'CASCADE' } })).toBe(
    '+ foreign key post (author_id) → user (id) ON DELETE CASCADE',
  );
  expect(describeOp({ kind: 'createSchema', schema: 'audit' })).toBe('+ schema audit');
});
