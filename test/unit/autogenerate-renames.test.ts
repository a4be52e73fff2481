/**
 * The renames pass on hand-made ops: a dropped and an added column (or a dropped and a created
 * table) become a rename when a `--rename` hint or the confirm callback says so; otherwise they
 * stay drop + add and are flagged destructive with the hint that would keep the data. No database.
 */
import { parseRenameHint, resolveRenames } from '../../src/autogenerate/passes/renames';
import type { RenameCandidate } from '../../src/autogenerate/types';
import type { ColumnSpec, Op, TableSpec } from '../../src/ops/types';

const name: ColumnSpec = { name: 'name', type: 'varchar', length: '100', isNullable: false };
const fullName: ColumnSpec = { name: 'full_name', type: 'varchar', length: '100', isNullable: false };
const dropName: Op = { kind: 'dropColumn', table: 'user', column: name };
const addFullName: Op = { kind: 'addColumn', table: 'user', column: fullName };

const run = (ops: Op[], options: Parameters<typeof resolveRenames>[1] = {}) => resolveRenames({ ops, destructive: [] }, options);

describe('column renames', () => {
  test('a hint turns drop + add into renameColumn, and nothing is destructive', async () => {
    const result = await run([dropName, addFullName], { hints: [parseRenameHint('user.name:full_name')] });
    expect(result.ops).toEqual([{ kind: 'renameColumn', table: 'user', from: 'name', to: 'full_name' }]);
    expect(result.destructive).toEqual([]);
  });

  test('the right side of a hint may be qualified', async () => {
    const result = await run([dropName, addFullName], { hints: [{ from: 'user.name', to: 'user.full_name' }] });
    expect(result.ops.map((op) => op.kind)).toEqual(['renameColumn']);
  });

  test('without a hint or a confirm, the drop is flagged with the --rename that would keep it', async () => {
    const result = await run([dropName, addFullName]);
    expect(result.ops).toEqual([dropName, addFullName]);
    expect(result.destructive).toEqual([
      {
        op: dropName,
        reason: 'drops column user.name and its data',
        hint: 'if it was renamed (column user.name → full_name), pass --rename user.name:full_name',
      },
    ]);
  });

  test('the confirm callback is asked with the candidate; false keeps drop + add', async () => {
    const asked: RenameCandidate[] = [];
    const yes = await run([dropName, addFullName], { confirm: async (c) => (asked.push(c), true) });
    expect(asked).toEqual([{ kind: 'column', table: 'user', from: 'name', to: 'full_name' }]);
    expect(yes.ops.map((op) => op.kind)).toEqual(['renameColumn']);
    const no = await run([dropName, addFullName], { confirm: async () => false });
    expect(no.ops).toEqual([dropName, addFullName]);
  });

  test('a rename that also changes the column adds an alterColumn for the rest', async () => {
    const wider: ColumnSpec = { ...fullName, length: '200' };
    const result = await run([dropName, { kind: 'addColumn', table: 'user', column: wider }], { hints: [parseRenameHint('user.name:full_name')] });
    expect(result.ops).toEqual([
      { kind: 'renameColumn', table: 'user', from: 'name', to: 'full_name' },
      { kind: 'alterColumn', table: 'user', column: 'full_name', changes: { length: '200' }, existing: { ...name, name: 'full_name' } },
    ]);
  });

  test('incompatible types are no candidate; a hint for them is refused as unmatched', async () => {
    const age: Op = { kind: 'addColumn', table: 'user', column: { name: 'age', type: 'integer' } };
    const result = await run([dropName, age]);
    expect(result.destructive[0].hint).toBeUndefined();
    await expect(run([dropName, age], { hints: [parseRenameHint('user.name:age')] })).rejects.toMatchObject({ code: 'RENAME_UNMATCHED' });
  });

  test('a typo in a hint is refused and names the possible renames', async () => {
    await expect(run([dropName, addFullName], { hints: [parseRenameHint('user.nmae:full_name')] })).rejects.toThrow(
      '--rename user.nmae:full_name matches no dropped and added column or table; the possible renames are: --rename user.name:full_name. Nothing written',
    );
  });

  test('a hint naming the old column with another target answers "not this one"', async () => {
    const addNick: Op = { kind: 'addColumn', table: 'user', column: { ...fullName, name: 'nick' } };
    let asked = 0;
    const result = await run([dropName, addFullName, addNick], { hints: [parseRenameHint('user.name:nick')], confirm: async () => (asked++, true) });
    expect(asked).toBe(0);
    // The rename stands where the drop stood.
    expect(result.ops).toEqual([{ kind: 'renameColumn', table: 'user', from: 'name', to: 'nick' }, addFullName]);
  });
});

describe('table renames', () => {
  const people: TableSpec = {
    name: 'people',
    columns: [{ name: 'id', type: 'integer', isPrimary: true }],
    indices: [{ name: 'IDX_people_id', columnNames: ['id'] }],
  };
  const persons: TableSpec = { ...people, name: 'persons', indices: [{ name: 'IDX_persons_id', columnNames: ['id'] }] };

  test('a hint renames the table, puts the rename first and drops index ops the rename carries over', async () => {
    const ops: Op[] = [
      { kind: 'addColumn', table: 'other', column: { name: 'x', type: 'integer' } },
      { kind: 'dropTable', table: people },
      { kind: 'createTable', table: persons },
      { kind: 'createIndex', table: 'persons', index: { name: 'IDX_persons_id', columnNames: ['id'] } },
    ];
    const result = await run(ops, { hints: [parseRenameHint('people:persons')] });
    expect(result.ops).toEqual([{ kind: 'renameTable', from: 'people', to: 'persons' }, ops[0]]);
    expect(result.destructive).toEqual([]);
  });

  test('a schema-qualified table keeps its schema: the rename target is the bare name', async () => {
    const from: TableSpec = { name: 'audit.event', columns: [{ name: 'id', type: 'integer' }] };
    const to: TableSpec = { name: 'audit.log', columns: [{ name: 'id', type: 'integer' }] };
    const result = await run([{ kind: 'dropTable', table: from }, { kind: 'createTable', table: to }], { hints: [parseRenameHint('audit.event:log')] });
    expect(result.ops).toEqual([{ kind: 'renameTable', from: 'audit.event', to: 'log' }]);
  });

  test('tables of another shape are no candidate', async () => {
    const other: TableSpec = { name: 'persons', columns: [{ name: 'id', type: 'integer' }, { name: 'x', type: 'text' }] };
    const result = await run([{ kind: 'dropTable', table: people }, { kind: 'createTable', table: other }]);
    expect(result.destructive.map((d) => [d.reason, d.hint])).toEqual([['drops table people and its data', undefined]]);
  });
});

test('parseRenameHint needs FROM:TO', () => {
  expect(parseRenameHint(' user.name : full_name ')).toEqual({ from: 'user.name', to: 'full_name' });
  expect(() => parseRenameHint('user.name')).toThrow('--rename expects FROM:TO');
  expect(() => parseRenameHint('user.name:')).toThrow('--rename expects FROM:TO');
});
