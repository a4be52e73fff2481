/**
 * Names given to the op API reach TypeORM's schema SQL, which puts identifiers inside "…" or `…`
 * and catalog lookups inside '…' without escaping: on PostgreSQL an `addColumn` once ran the
 * `DROP TABLE` a column name carried. Every op that takes a name now refuses one holding " or `
 * (and a table, view, schema or enum name holding ' or a backslash, which are looked up in '…'),
 * with one line naming the op and the name, before any SQL runs. A column, index or constraint
 * name with ', and any name with `;`, works as the literal name. A sentinel table survives.
 * Ops run as a revision runs them (harness); PostgreSQL, SQLite and MariaDB.
 */
import { createMysqlDatabase, DIALECTS, tableNames, versionRows } from './helpers/databases';
import { createTableOp, dropTableOp, projectPerTest } from './helpers/project';
import { seededHarnessPerTest, type OpsHarness } from './helpers/ops-harness';
import type { Operations } from '../src/ops/operations';

/** Each would drop the sentinel if it reached the database unquoted, in one quoting or another. */
const HOSTILE = ['x" integer); DROP TABLE sentinel; --', 'x` integer); DROP TABLE sentinel; -- '];
/** Refused where the name is looked up in the catalog inside '…'. */
const HOSTILE_IN_CATALOG = ["x'); DROP TABLE sentinel; --", 'x\\'];

const column = (name: string) => ({ name, type: 'integer', isNullable: true });
const table = (name: string) => ({ name, columns: [{ name: 'id', type: 'integer', isPrimary: true }] });

/** Every op, with the hostile name in each place it takes a name: [method shown in the error, call]. */
function calls(n: string): [string, (op: Operations) => Promise<void>][] {
  return [...catalogCalls(n), ...identifierCalls(n)];
}

/** The places that take a table, view, schema or enum name. */
function catalogCalls(n: string): [string, (op: Operations) => Promise<void>][] {
  const fk = { columnNames: ['parent_id'], referencedTableName: 'parent', referencedColumnNames: ['id'] };
  return [
    ['createTable', (op) => op.createTable(table(n))],
    ['createTable', (op) => op.createTable({ ...table('t'), foreignKeys: [{ ...fk, columnNames: ['id'], referencedTableName: n }] })],
    ['createTable', (op) => op.createTable({ name: 't', columns: [{ name: 'e', type: 'enum', enum: ['a'], enumName: n }] })],
    ['dropTable', (op) => op.dropTable(n)],
    ['renameTable', (op) => op.renameTable('parent', n)],
    ['renameTable', (op) => op.renameTable(n, 'x')],
    ['setTableComment', (op) => op.setTableComment(n, 'c')],
    ['addColumn', (op) => op.addColumn(n, column('c'))],
    ['dropColumn', (op) => op.dropColumn(n, 'score')],
    ['createIndex', (op) => op.createIndex(n, { columnNames: ['score'] })],
    ['createForeignKey', (op) => op.createForeignKey('child', { ...fk, referencedTableName: n })],
    ['createSchema', (op) => op.createSchema(n)],
    ['dropSchema', (op) => op.dropSchema(n)],
    ['createView', (op) => op.createView({ name: n, expression: 'SELECT 1 AS one' })],
    ['dropView', (op) => op.dropView(n)],
  ];
}

/** The places that take a column, index or constraint name. */
function identifierCalls(n: string): [string, (op: Operations) => Promise<void>][] {
  const fk = { columnNames: ['parent_id'], referencedTableName: 'parent', referencedColumnNames: ['id'] };
  return [
    ['createTable', (op) => op.createTable({ name: 't', columns: [column(n)] })],
    ['createTable', (op) => op.createTable({ ...table('t'), indices: [{ name: n, columnNames: ['id'] }] })],
    ['createTable', (op) => op.createTable({ ...table('t'), indices: [{ columnNames: [n] }] })],
    ['createTable', (op) => op.createTable({ ...table('t'), uniques: [{ name: n, columnNames: ['id'] }] })],
    ['createTable', (op) => op.createTable({ ...table('t'), checks: [{ name: n, expression: 'id > 0' }] })],
    ['createTable', (op) => op.createTable({ ...table('t'), foreignKeys: [{ ...fk, columnNames: ['id'], name: n }] })],
    ['createTable', (op) => op.createTable({ ...table('t'), foreignKeys: [{ ...fk, columnNames: ['id'], referencedColumnNames: [n] }] })],
    ['createTable', (op) => op.createTable({ name: 't', columns: [{ name: 'id', type: 'integer', isPrimary: true, primaryKeyConstraintName: n }] })],
    ['dropTable', (op) => op.dropTable({ name: 'child', columns: [column(n)] })],
    ['addColumn', (op) => op.addColumn('parent', column(n))],
    ['dropColumn', (op) => op.dropColumn('parent', n)],
    ['renameColumn', (op) => op.renameColumn('parent', 'score', n)],
    ['renameColumn', (op) => op.renameColumn('parent', n, 'x')],
    ['alterColumn', (op) => op.alterColumn('parent', n, { isNullable: true })],
    ['alterColumn', (op) => op.alterColumn('parent', 'score', { name: n })],
    ['alterColumn', (op) => op.alterColumn('parent', 'score', { isNullable: false }, { existing: column(n) })],
    ['createIndex', (op) => op.createIndex('parent', { name: n, columnNames: ['score'] })],
    ['createIndex', (op) => op.createIndex('parent', { columnNames: [n] })],
    ['dropIndex', (op) => op.dropIndex('parent', n)],
    ['createUnique', (op) => op.createUnique('parent', { name: n, columnNames: ['score'] })],
    ['createUnique', (op) => op.createUnique('parent', { columnNames: [n] })],
    ['dropUnique', (op) => op.dropUnique('parent', n)],
    ['createCheck', (op) => op.createCheck('parent', { name: n, expression: 'score > 0' })],
    ['dropCheck', (op) => op.dropCheck('parent', n)],
    ['createExclusion', (op) => op.createExclusion('parent', { name: n, expression: 'USING gist (score WITH =)' })],
    ['dropExclusion', (op) => op.dropExclusion('parent', n)],
    ['createForeignKey', (op) => op.createForeignKey('child', { ...fk, name: n })],
    ['createForeignKey', (op) => op.createForeignKey('child', { ...fk, columnNames: [n] })],
    ['dropForeignKey', (op) => op.dropForeignKey('child', n)],
    ['createPrimaryKey', (op) => op.createPrimaryKey('parent', [n])],
    ['createPrimaryKey', (op) => op.createPrimaryKey('parent', ['score'], n)],
    ['dropPrimaryKey', (op) => op.dropPrimaryKey('parent', ['id'], n)],
  ];
}

describe.each(Object.entries({ ...DIALECTS, mariadb: () => createMysqlDatabase() }))('hostile names in the op API on %s', (_name, createDatabase) => {
  const h: OpsHarness = seededHarnessPerTest(createDatabase);
  beforeEach(async () => {
    await h.op.createTable(table('sentinel'));
  });

  async function sentinelStands(): Promise<void> {
    expect(await h.table('sentinel')).toBeDefined();
  }

  async function expectRefused(name: string, list: [string, (op: Operations) => Promise<void>][]): Promise<void> {
    const before = await h.snapshot();
    for (const [method, call] of list) {
      const error = await call(h.op).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error).toBeDefined();
      expect(error!.message.split('\n')).toHaveLength(1);
      expect(error!.message).toContain(`op.${method}(`);
      expect(error!.message).toContain(JSON.stringify(name));
      expect(error).toMatchObject({ code: 'OP_INVALID' });
    }
    expect(await h.snapshot()).toEqual(before);
    await sentinelStands();
  }

  test.each(HOSTILE)('%s: every op refuses it with one line naming the op and the name; nothing runs', async (name) => {
    await expectRefused(name, calls(name));
  });

  test.each(HOSTILE_IN_CATALOG)('%s: refused as a table, view, schema or enum name', async (name) => {
    await expectRefused(name, catalogCalls(name));
  });

  test("a ' in column, index and constraint names is the literal name", async () => {
    const name = "x'); DROP TABLE sentinel; --";
    await h.op.addColumn('parent', column(name));
    await h.op.createIndex('parent', { name: `ix ${name}`, columnNames: [name] });
    await h.op.createForeignKey('child', { name: `fk ${name}`, columnNames: ['parent_id'], referencedTableName: 'parent', referencedColumnNames: ['id'] });
    await h.op.renameColumn('parent', name, `${name} 2`);
    await h.op.bulkInsert('parent', [{ id: 3, email: 'c@example.com', [`${name} 2`]: 7 }]);
    const parent = await h.table('parent');
    expect(parent?.columns.map((c) => c.name)).toContain(`${name} 2`);
    expect(parent?.indices?.map((i) => i.name)).toContain(`ix ${name}`);
    await h.op.dropIndex('parent', `ix ${name}`);
    await h.op.dropColumn('parent', `${name} 2`);
    await sentinelStands();
  });

  test('the data ops quote what they are given: a hostile table or column name is only a name', async () => {
    for (const name of HOSTILE) {
      await expect(h.op.bulkInsert(name, [{ id: 1 }])).rejects.toThrow();
      await expect(h.op.bulkInsert('parent', [{ id: 9, email: 'x', [name]: 1 }])).rejects.toThrow();
      await expect(h.op.bulkDelete(name, { where: { id: 1 } })).rejects.toThrow();
    }
    await sentinelStands();
  });

  test('a name with ";" is the literal name', async () => {
    const name = 'semi;colon';
    await h.op.createTable({ name, columns: [{ name: 'id', type: 'integer', isPrimary: true }, column('a;b')] });
    await h.op.addColumn(name, column('c;d'));
    await h.op.createIndex(name, { name: 'ix;1', columnNames: ['a;b'] });
    await h.op.renameColumn(name, 'c;d', 'e;f');
    await h.op.bulkInsert(name, [{ id: 1, 'a;b': 2, 'e;f': 3 }]);
    expect((await h.table(name))?.columns.map((c) => c.name).sort()).toEqual(['a;b', 'e;f', 'id']);
    await h.op.dropTable(name);
    await sentinelStands();
  });
});

describe.each(Object.entries({ ...DIALECTS, mariadb: () => createMysqlDatabase() }))('a hand-written revision with a hostile name, on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'hostile-names');

  test('upgrade fails with one line naming the revision, the op and the name; the sentinel stands', async () => {
    project.writeConfig();
    project.writeRevision('aaaa00000001', null, createTableOp('sentinel'), dropTableOp('sentinel'), 'sentinel');
    const name = 'x" integer); DROP TABLE sentinel; --';
    project.writeRevision('bbbb00000002', 'aaaa00000001', `await op.addColumn('sentinel', { name: ${JSON.stringify(name)}, type: 'integer' });`, 'return;', 'hostile');
    const result = await project.cli('upgrade');
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('bbbb00000002');
    expect(lines[0]).toContain('op.addColumn("sentinel")');
    expect(lines[0]).toContain(JSON.stringify(name));
    expect(await tableNames(project.db)).toContain('sentinel');
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
  });
});
