/**
 * The op round trips every dialect must pass: run the op on a fresh database, assert the schema
 * TypeORM reads back, run the reversed op, and require the schema to be exactly as before.
 */
import { reverseOp } from '../../src/ops/reverse';
import type { TestDatabase } from './databases';
import { parentSpec, roundTrip, seededHarnessPerTest } from './ops-harness';

export function describeOpRoundTrips(createDatabase: () => Promise<TestDatabase>): void {
  const h = seededHarnessPerTest(createDatabase);

  const count = async (table: string) => Number((await h.rows(`SELECT COUNT(*) AS n FROM ${h.dialect.quoteTableName(table)}`))[0]!.n);

  test('createTable ↔ dropTable with indices, uniques, checks and a foreign key', async () => {
    await roundTrip(
      h,
      {
        kind: 'createTable',
        table: {
          name: 'tag',
          columns: [
            { name: 'id', type: 'integer', isPrimary: true },
            { name: 'label', type: 'varchar', length: '50', isNullable: false },
            { name: 'weight', type: 'integer', isNullable: false, default: '1' },
            { name: 'parent_id', type: 'integer', isNullable: true },
          ],
          indices: [{ name: 'idx_tag_weight', columnNames: ['weight'] }],
          uniques: [{ name: 'uq_tag_label', columnNames: ['label'] }],
          checks: [{ name: 'chk_tag_weight', expression: 'weight > 0' }],
          foreignKeys: [{ name: 'fk_tag_parent', columnNames: ['parent_id'], referencedTableName: 'parent', referencedColumnNames: ['id'] }],
        },
      },
      async () => {
        const tag = await h.table('tag');
        expect(tag?.columns.map((c) => c.name)).toEqual(['id', 'label', 'parent_id', 'weight']);
        expect(tag?.indices?.map((i) => i.name)).toContain('idx_tag_weight');
        expect(tag?.foreignKeys?.[0]).toMatchObject({ columnNames: ['parent_id'], referencedColumnNames: ['id'] });
        expect(tag?.checks?.[0]?.name).toBe('chk_tag_weight');
      },
    );
  });

  test('renameTable ↔ renameTable keeps the rows', async () => {
    await roundTrip(h, { kind: 'renameTable', from: 'parent', to: 'account' }, async () => {
      expect(await h.table('parent')).toBeUndefined();
      expect(await count('account')).toBe(2);
    });
    expect(await count('child')).toBe(3);
  });

  test('addColumn ↔ dropColumn fills existing rows with the default', async () => {
    await roundTrip(
      h,
      { kind: 'addColumn', table: 'parent', column: { name: 'age', type: 'integer', isNullable: false, default: '0' } },
      async () => {
        expect((await h.table('parent'))?.columns.find((c) => c.name === 'age')).toMatchObject({ isNullable: false });
        expect(await h.rows('SELECT age FROM parent ORDER BY id')).toEqual([{ age: 0 }, { age: 0 }]);
      },
    );
    expect(await count('parent')).toBe(2);
  });

  test('dropColumn with its full spec ↔ addColumn, other columns keep their values', async () => {
    const score = (await h.table('parent'))!.columns.find((c) => c.name === 'score')!;
    await roundTrip(h, { kind: 'dropColumn', table: 'parent', column: score }, async () => {
      expect((await h.table('parent'))?.columns.map((c) => c.name)).toEqual(['email', 'id']);
      expect(await h.rows('SELECT id, email FROM parent ORDER BY id')).toEqual([
        { id: 1, email: 'a@example.com' },
        { id: 2, email: 'b@example.com' },
      ]);
    });
    expect(await count('child')).toBe(3);
  });

  test('renameColumn ↔ renameColumn keeps the values', async () => {
    await roundTrip(h, { kind: 'renameColumn', table: 'parent', from: 'email', to: 'mail' }, async () => {
      expect(await h.rows('SELECT mail FROM parent ORDER BY id')).toEqual([{ mail: 'a@example.com' }, { mail: 'b@example.com' }]);
    });
    expect(await h.rows('SELECT email FROM parent ORDER BY id')).toEqual([{ email: 'a@example.com' }, { email: 'b@example.com' }]);
  });

  test('alterColumn varchar(255) → varchar(320) keeps every value, and reverses', async () => {
    const existing = (await h.table('parent'))!.columns.find((c) => c.name === 'email')!;
    await roundTrip(h, { kind: 'alterColumn', table: 'parent', column: 'email', changes: { length: '320' }, existing }, async () => {
      expect((await h.table('parent'))?.columns.find((c) => c.name === 'email')?.length).toBe('320');
      expect(await h.rows('SELECT email FROM parent ORDER BY id')).toEqual([{ email: 'a@example.com' }, { email: 'b@example.com' }]);
    });
    expect(await count('child')).toBe(3);
  });

  test('alterColumn of nullability and default keeps the values', async () => {
    const existing = (await h.table('parent'))!.columns.find((c) => c.name === 'score')!;
    await roundTrip(
      h,
      { kind: 'alterColumn', table: 'parent', column: 'score', changes: { isNullable: false, default: '5' }, existing },
      async () => {
        expect((await h.table('parent'))?.columns.find((c) => c.name === 'score')).toMatchObject({ isNullable: false, default: expect.stringMatching(/^'?5'?$/) });
        expect(await h.rows('SELECT score FROM parent ORDER BY id')).toEqual([{ score: 10 }, { score: 20 }]);
      },
    );
  });

  test('createIndex ↔ dropIndex, also unnamed', async () => {
    await roundTrip(h, { kind: 'createIndex', table: 'parent', index: { name: 'idx_parent_score', columnNames: ['score'] } }, async () => {
      expect((await h.table('parent'))?.indices?.map((i) => i.name)).toEqual(['idx_parent_score']);
    });
    await roundTrip(h, { kind: 'createIndex', table: 'child', index: { columnNames: ['note'], isUnique: true } }, async () => {
      expect((await h.table('child'))?.indices?.[0]).toMatchObject({ columnNames: ['note'], isUnique: true });
    });
  });

  test('createUnique ↔ dropUnique', async () => {
    await roundTrip(h, { kind: 'createUnique', table: 'parent', unique: { name: 'uq_parent_email', columnNames: ['email'] } }, async () => {
      const parent = await h.table('parent');
      const uniqueEmail = (parent?.uniques ?? []).some((u) => u.columnNames.join() === 'email') ||
        (parent?.indices ?? []).some((i) => i.isUnique && i.columnNames.join() === 'email');
      expect(uniqueEmail).toBe(true);
      expect(await count('parent')).toBe(2);
    });
    expect(await count('child')).toBe(3);
  });

  test('createCheck ↔ dropCheck', async () => {
    await roundTrip(h, { kind: 'createCheck', table: 'parent', check: { name: 'chk_score', expression: 'score >= 0' } }, async () => {
      expect((await h.table('parent'))?.checks?.map((c) => c.name)).toEqual(['chk_score']);
    });
    expect(await count('child')).toBe(3);
  });

  test('dropForeignKey with its spec ↔ createForeignKey', async () => {
    const fk = (await h.table('child'))!.foreignKeys![0]!;
    await roundTrip(h, { kind: 'dropForeignKey', table: 'child', foreignKey: fk }, async () => {
      expect((await h.table('child'))?.foreignKeys).toBeUndefined();
    });
    expect((await h.table('child'))?.foreignKeys?.[0]).toMatchObject({ onDelete: 'CASCADE', columnNames: ['parent_id'] });
    expect(await count('child')).toBe(3);
  });

  test('dropPrimaryKey ↔ createPrimaryKey', async () => {
    await h.op.createTable({ name: 'solo', columns: [{ name: 'code', type: 'varchar', length: '10', isPrimary: true }] });
    await h.op.bulkInsert('solo', [{ code: 'a' }, { code: 'b' }]);
    await roundTrip(h, { kind: 'dropPrimaryKey', table: 'solo', columnNames: ['code'] }, async () => {
      expect((await h.table('solo'))?.columns[0]?.isPrimary).toBeUndefined();
    });
    expect(await count('solo')).toBe(2);
  });

  test('createView ↔ dropView', async () => {
    await roundTrip(h, { kind: 'createView', view: { name: 'parent_emails', expression: 'SELECT id, email FROM parent' } }, async () => {
      expect(await h.rows('SELECT email FROM parent_emails ORDER BY id')).toEqual([{ email: 'a@example.com' }, { email: 'b@example.com' }]);
    });
  });

  test('bulkInsert ↔ bulkDelete of the same rows; bulkDelete by where', async () => {
    const rows = [
      { id: 10, email: "o'brien@example.com", score: null },
      { id: 11, email: 'c@example.com', score: 3 },
    ];
    await h.op.bulkInsert('parent', rows);
    expect(await count('parent')).toBe(4);
    await h.run(reverseOp({ kind: 'bulkInsert', table: 'parent', rows }));
    expect(await count('parent')).toBe(2);
    await h.op.bulkDelete('child', { where: { parent_id: 1 } });
    expect(await count('child')).toBe(1);
  });

  test('execute runs SQL with parameters; bad arguments fail with one clear line', async () => {
    const placeholder = h.dataSource.driver.createParameter('p', 0);
    await h.op.execute(`UPDATE parent SET score = ${placeholder} WHERE id = 1`, [99]);
    expect(await h.rows('SELECT score FROM parent WHERE id = 1')).toEqual([{ score: 99 }]);
    await expect(h.op.addColumn('parent', { name: 'x' } as never)).rejects.toThrow('op.addColumn("parent") column "x": type must be a non-empty string');
    await expect(h.op.createTable({ ...parentSpec, columns: [] })).rejects.toMatchObject({ code: 'OP_INVALID' });
    await expect(h.op.alterColumn('parent', 'nope', { length: '9' })).rejects.toThrow('table "parent": column "nope" not found');
  });
}
