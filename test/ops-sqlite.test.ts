/**
 * Ops on SQLite: the round trips every dialect passes, table rebuilds that keep every row (foreign
 * keys on, cascades held off, dangling references caught before commit), and --sql scripts.
 * Needs SQLite.
 */
import { createSqliteDatabase } from './helpers/databases';
import { describeOpRoundTrips } from './helpers/ops-common';
import { childSpec, openHarness, parentSpec, seededHarnessPerTest } from './helpers/ops-harness';

describe('ops on SQLite: round trips', () => {
  describeOpRoundTrips(createSqliteDatabase);
});

describe('ops on SQLite: rebuilds keep every row', () => {
  const h = seededHarnessPerTest(createSqliteDatabase);

  const inRevision = (body: () => Promise<void>) => h.inRevision(body);

  test('foreign keys are enforced on the connection (so the cascade risk is real)', async () => {
    expect(await h.rows('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
  });

  test('without the dialect hooks the same rebuild would cascade-delete the children (why they exist)', async () => {
    await h.queryRunner.startTransaction();
    await h.bare.alterColumn('parent', 'email', { length: '320' });
    await h.queryRunner.commitTransaction();
    expect(await h.rows('SELECT COUNT(*) AS n FROM child')).toEqual([{ n: 0 }]);
  });

  test('alterColumn on a parent with ON DELETE CASCADE children keeps every child row', async () => {
    await inRevision(async () => {
      await h.bare.alterColumn('parent', 'email', { length: '320' });
      await h.bare.alterColumn('parent', 'score', { type: 'bigint' });
      await h.bare.dropColumn('parent', 'score');
      await h.bare.createUnique('parent', { name: 'uq_parent_email', columnNames: ['email'] });
      await h.bare.createCheck('parent', { name: 'chk_parent_id', expression: 'id > 0' });
    });
    expect(await h.rows('SELECT id, parent_id, note FROM child ORDER BY id')).toEqual([
      { id: 1, parent_id: 1, note: 'x' },
      { id: 2, parent_id: 1, note: 'y' },
      { id: 3, parent_id: 2, note: null },
    ]);
    expect(await h.rows('SELECT id, email FROM parent ORDER BY id')).toHaveLength(2);
    expect(await h.rows('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect((await h.table('child'))?.foreignKeys?.[0]).toMatchObject({ referencedTableName: 'parent', onDelete: 'CASCADE' });
  });

  test('a revision that leaves dangling references fails before commit, naming the table', async () => {
    await expect(
      inRevision(async () => {
        await h.bare.bulkInsert('child', [{ id: 9, parent_id: 42, note: 'orphan' }]);
      }),
    ).rejects.toThrow('foreign key check failed: 1 row(s) in "child" reference missing rows in "parent"');
    expect(await h.rows('SELECT id FROM child WHERE id = 9')).toEqual([]);
  });

  test('child-side rebuilds (FK, PK, alter, drop) keep rows', async () => {
    await inRevision(async () => {
      await h.bare.dropForeignKey('child', 'fk_child_parent');
      await h.bare.createForeignKey('child', childSpec.foreignKeys![0]!);
      await h.bare.alterColumn('child', 'note', { type: 'text' });
      await h.bare.dropColumn('child', 'note');
      await h.bare.dropTable('parent');
      await h.bare.createTable(parentSpec);
      await h.bare.bulkInsert('parent', [{ id: 1, email: 'a' }, { id: 2, email: 'b' }]);
    });
    expect(await h.rows('SELECT id, parent_id FROM child ORDER BY id')).toEqual([
      { id: 1, parent_id: 1 },
      { id: 2, parent_id: 1 },
      { id: 3, parent_id: 2 },
    ]);
  });
});

describe('ops on SQLite: offline (--sql)', () => {
  test('a script of several revisions builds on tables it created itself', async () => {
    const db = await createSqliteDatabase();
    const h = await openHarness(db, 'offline');
    try {
      await h.op.createTable(parentSpec);
      await h.op.addColumn('parent', { name: 'age', type: 'integer', isNullable: true });
      await h.op.createIndex('parent', { name: 'idx_parent_age', columnNames: ['age'] });
      await h.op.alterColumn('parent', 'email', { length: '320' });
      await h.op.renameTable('parent', 'account');
      await h.op.addColumn('account', { name: 'nick', type: 'varchar', length: '20', isNullable: true });
      await h.op.createView({ name: 'v_account', expression: 'SELECT id FROM account' });
      await h.op.dropView({ name: 'v_account', expression: 'SELECT id FROM account' });
      await h.op.bulkInsert('account', [{ id: 1, email: "it's", age: null }]);
      await h.op.dropTable('account');
      const statements = (h.sink as { statements: string[] }).statements;
      expect(statements.every((s) => s.endsWith(';'))).toBe(true);
      expect(statements.join('\n')).toContain(`VALUES (1, 'it''s', NULL)`);
      // Nothing ran…
      expect(await h.table('parent')).toBeUndefined();
      // …and the script runs as printed.
      for (const sql of statements) await h.queryRunner.query(sql);
      expect(await h.table('account')).toBeUndefined();
    } finally {
      await h.close();
      await db.drop();
    }
  });
});
