/**
 * verify's words for a downgrade that does not restore the schema: which column, index or field
 * differs, from two snapshots made by hand (no database).
 */
import { diffSnapshots, type SchemaSnapshot } from '../../src/runtime/schema-snapshot';

const before: SchemaSnapshot = {
  tables: [
    {
      name: 'user',
      columns: [
        { name: 'email', type: 'varchar', length: '100', isNullable: false },
        { name: 'id', type: 'integer', isPrimary: true },
      ],
      indices: [{ name: 'IDX_email', columnNames: ['email'] }],
      uniques: [{ columnNames: ['email'] }],
      comment: 'people',
    },
  ],
  views: [{ name: 'v_user', expression: 'SELECT id FROM user' }],
};

test('equal snapshots give no lines', () => {
  expect(diffSnapshots(before, structuredClone(before))).toEqual([]);
});

test('each difference is named by its part and field', () => {
  const after = structuredClone(before);
  const user = after.tables[0]!;
  user.columns[0] = { ...user.columns[0]!, length: '255', isNullable: true };
  user.columns.push({ name: 'nickname', type: 'varchar', isNullable: true });
  user.indices = [];
  user.uniques = [{ columnNames: ['email', 'id'] }];
  user.comment = undefined;
  after.views = [];
  after.tables.push({ name: 'extra', columns: [] });
  expect(diffSnapshots(before, after)).toEqual([
    'table user differs: column email (length "100" → "255", isNullable false → true), column nickname is left over, ' +
      'index IDX_email is missing, unique (email) is missing, unique (email, id) is left over, comment "people" → (none)',
    'table extra is left over',
    'view v_user is missing',
  ]);
});

test('the same table with its keys in another order is no difference', () => {
  const after = structuredClone(before);
  const [email, id] = after.tables[0]!.columns;
  after.tables[0]!.columns = [{ isNullable: false, length: '100', type: 'varchar', name: 'email' }, id!];
  expect(email).toEqual(after.tables[0]!.columns[0]);
  expect(diffSnapshots(before, after)).toEqual([]);
});

test('a view whose expression changed says so, long values cut short', () => {
  const after = structuredClone(before);
  after.views[0] = { ...after.views[0]!, expression: `SELECT id, email FROM user WHERE ${'x'.repeat(80)}` };
  const [line] = diffSnapshots(before, after);
  expect(line).toMatch(/^view v_user differs: expression "SELECT id FROM user" → "SELECT id, email FROM user WHERE x+…$/);
});
