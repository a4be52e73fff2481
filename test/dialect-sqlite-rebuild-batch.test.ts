/**
 * SQLite rebuilds a table to change it. A revision that changes one table five ways copies it
 * once, keeps every value in the right column (renamed, altered, dropped, added in one go), and
 * never cascade-deletes child rows. Needs SQLite.
 */
import { createSqliteDatabase, withConnection } from './helpers/databases';
import { projectPerTest } from './helpers/project';

const project = projectPerTest(createSqliteDatabase);

const parentAndChild = `
  await op.createTable({ name: 'parent', columns: [
    { name: 'id', type: 'integer', isPrimary: true },
    { name: 'name', type: 'varchar', length: '20' },
    { name: 'legacy', type: 'varchar', isNullable: true },
    { name: 'score', type: 'integer', default: '0' },
  ] });
  await op.createTable({ name: 'child', columns: [
    { name: 'id', type: 'integer', isPrimary: true },
    { name: 'parentId', type: 'integer' },
  ], foreignKeys: [{ columnNames: ['parentId'], referencedTableName: 'parent', referencedColumnNames: ['id'], onDelete: 'CASCADE' }] });
  await op.bulkInsert('parent', [{ id: 1, name: 'one', legacy: 'x', score: 10 }, { id: 2, name: 'two', legacy: 'y', score: 20 }]);
  await op.bulkInsert('child', [{ id: 1, parentId: 1 }, { id: 2, parentId: 2 }, { id: 3, parentId: 2 }]);`;

const fiveChanges = `
  await op.alterColumn('parent', 'name', { length: '200' });
  await op.renameColumn('parent', 'name', 'title');
  await op.dropColumn('parent', 'legacy');
  await op.addColumn('parent', { name: 'note', type: 'varchar', isNullable: true });
  await op.createUnique('parent', { name: 'UQ_parent_title', columnNames: ['title'] });
  await op.alterColumn('parent', 'score', { type: 'bigint' });`;

const undoFive = `
  await op.alterColumn('parent', 'score', { type: 'integer' });
  await op.dropUnique('parent', 'UQ_parent_title');
  await op.dropColumn('parent', 'note');
  await op.addColumn('parent', { name: 'legacy', type: 'varchar', isNullable: true });
  await op.renameColumn('parent', 'title', 'name');
  await op.alterColumn('parent', 'name', { length: '20' });`;

beforeEach(() => {
  project.writeConfig({ entities: [] });
  project.writeRevision('aaaa00000001', null, parentAndChild, `await op.dropTable('child');\n  await op.dropTable('parent');`, 'tables');
  project.writeRevision('bbbb00000002', 'aaaa00000001', fiveChanges, undoFive, 'five changes');
});

test('the script copies the table once for six changes', async () => {
  await project.cli('upgrade', 'aaaa');
  const result = await project.cli('upgrade', 'head', '--sql');
  expect(result.code).toBe(0);
  expect(result.stdout.match(/CREATE TABLE "temporary_parent"/g)).toHaveLength(1);
  expect(result.stdout.match(/INSERT INTO "temporary_parent"/g)).toHaveLength(1);
  expect(result.stdout).toContain('INSERT INTO "temporary_parent"("id", "title", "score") SELECT "id", "name", "score" FROM "parent"');
});

test('values land in the right columns and no child row is lost, up and down', async () => {
  expect((await project.cli('upgrade', 'head')).code).toBe(0);
  const parents = await withConnection(project.db, (ds) => ds.query('SELECT * FROM parent ORDER BY id'));
  expect(parents).toEqual([
    { id: 1, title: 'one', score: 10, note: null },
    { id: 2, title: 'two', score: 20, note: null },
  ]);
  const children = await withConnection(project.db, (ds) => ds.query('SELECT COUNT(*) AS n FROM child'));
  expect(children[0].n).toBe(3);
  const table = await withConnection(project.db, async (ds) => {
    const qr = ds.createQueryRunner();
    try {
      return await qr.getTable('parent');
    } finally {
      await qr.release();
    }
  });
  expect(table!.findColumnByName('title')!.length).toBe('200');
  expect(table!.findColumnByName('score')!.type).toBe('bigint');
  expect(table!.uniques.map((u) => u.columnNames)).toEqual([['title']]);

  expect((await project.cli('downgrade', '-1')).code).toBe(0);
  const restored = await withConnection(project.db, (ds) => ds.query('SELECT * FROM parent ORDER BY id'));
  expect(restored).toEqual([
    { id: 1, name: 'one', legacy: null, score: 10 },
    { id: 2, name: 'two', legacy: null, score: 20 },
  ]);
  const after = await withConnection(project.db, (ds) => ds.query('SELECT COUNT(*) AS n FROM child'));
  expect(after[0].n).toBe(3);
});

test('a view over the rebuilt table survives the rebuild (SQLite re-checks views on RENAME)', async () => {
  project.writeRevision(
    'cccc00000003',
    'bbbb00000002',
    `await op.createView({ name: 'parent_children', expression: 'SELECT p.id, p.title, COUNT(c.id) AS children FROM parent p LEFT JOIN child c ON c.parentId = p.id GROUP BY p.id, p.title' });`,
    `await op.dropView('parent_children');`,
    'view',
  );
  project.writeRevision(
    'dddd00000004',
    'cccc00000003',
    `await op.alterColumn('parent', 'title', { length: '300' });\n  await op.addColumn('child', { name: 'label', type: 'varchar', isNullable: true });`,
    `await op.dropColumn('child', 'label');\n  await op.alterColumn('parent', 'title', { length: '200' });`,
    'change both tables under the view',
  );
  const up = await project.cli('upgrade', 'head');
  expect(up.stderr).toBe('');
  expect(up.code).toBe(0);
  const rows = await withConnection(project.db, (ds) => ds.query('SELECT id, title, children FROM parent_children ORDER BY id'));
  expect(rows).toEqual([
    { id: 1, title: 'one', children: 1 },
    { id: 2, title: 'two', children: 2 },
  ]);
  const down = await project.cli('downgrade', 'aaaa');
  expect(down.stderr).toBe('');
  expect(down.code).toBe(0);
});

test('a CHECK keeps its expression through rebuilds (no parentheses added each time)', async () => {
  project.writeRevision(
    'cccc00000003',
    'bbbb00000002',
    `await op.createCheck('parent', { name: 'CHK_parent_score', expression: 'score >= 0' });`,
    `await op.dropCheck('parent', 'CHK_parent_score');`,
    'check',
  );
  project.writeRevision(
    'dddd00000004',
    'cccc00000003',
    `await op.addColumn('parent', { name: 'extra', type: 'varchar', isNullable: true });`,
    `await op.dropColumn('parent', 'extra');`,
    'rebuild',
  );
  const tableSql = () =>
    withConnection(project.db, async (ds) => (await ds.query(`SELECT sql FROM sqlite_master WHERE name = 'parent'`))[0].sql as string);
  expect((await project.cli('upgrade', 'cccc')).code).toBe(0);
  const before = (await tableSql()).match(/CHECK \(.*?\)+/)![0];
  expect((await project.cli('upgrade', 'head')).code).toBe(0);
  expect((await project.cli('downgrade', 'cccc')).code).toBe(0);
  expect((await tableSql()).match(/CHECK \(.*?\)+/)![0]).toBe(before);
});
