/**
 * Ops on PostgreSQL: the round trips every dialect passes, type changes in place (with USING),
 * enums, comments and schemas, --sql scripts that run as printed, and a narrowing that refuses
 * values instead of cutting them. Needs PostgreSQL.
 */
import { createPostgresDatabase, withConnection } from './helpers/databases';
import { withProject } from './helpers/project';
import { describeOpRoundTrips } from './helpers/ops-common';
import { openHarness, parentSpec, roundTrip, seededHarnessPerTest } from './helpers/ops-harness';

describe('ops on PostgreSQL: round trips', () => {
  describeOpRoundTrips(createPostgresDatabase);
});

describe('ops on PostgreSQL: alterColumn changes types in place', () => {
  const h = seededHarnessPerTest(createPostgresDatabase);

  test('integer → bigint keeps the values (TypeORM would drop and re-add the column)', async () => {
    const existing = (await h.table('parent'))!.columns.find((c) => c.name === 'score')!;
    await roundTrip(h, { kind: 'alterColumn', table: 'parent', column: 'score', changes: { type: 'bigint' }, existing }, async () => {
      expect((await h.table('parent'))?.columns.find((c) => c.name === 'score')?.type).toBe('bigint');
      expect(await h.rows('SELECT score FROM parent ORDER BY id')).toEqual([{ score: '10' }, { score: '20' }]);
    });
    expect(await h.rows('SELECT score FROM parent ORDER BY id')).toEqual([{ score: 10 }, { score: 20 }]);
  });

  test('a type change with a default, a USING cast and a rename in one alter', async () => {
    await h.op.addColumn('parent', { name: 'level', type: 'varchar', length: '10', isNullable: false, default: "'3'" });
    await h.op.alterColumn('parent', 'level', { name: 'rank', type: 'integer', default: '7' }, { using: '"level"::integer * 2' });
    const rank = (await h.table('parent'))?.columns.find((c) => c.name === 'rank');
    expect(rank).toMatchObject({ type: 'integer', default: expect.stringMatching(/^'?7'?$/), isNullable: false });
    expect(await h.rows('SELECT rank FROM parent ORDER BY id')).toEqual([{ rank: 6 }, { rank: 6 }]);
  });

  test('varchar → enum and back keeps the values', async () => {
    await h.op.addColumn('parent', { name: 'status', type: 'varchar', length: '20', isNullable: true });
    await h.op.execute(`UPDATE parent SET status = CASE WHEN id = 1 THEN 'draft' ELSE 'live' END`);
    const existing = (await h.table('parent'))!.columns.find((c) => c.name === 'status')!;
    await roundTrip(
      h,
      { kind: 'alterColumn', table: 'parent', column: 'status', changes: { type: 'enum', enum: ['draft', 'live'] }, existing },
      async () => {
        expect((await h.table('parent'))?.columns.find((c) => c.name === 'status')).toMatchObject({ type: 'enum', enum: ['draft', 'live'] });
        expect(await h.rows('SELECT status FROM parent ORDER BY id')).toEqual([{ status: 'draft' }, { status: 'live' }]);
      },
    );
    expect(await h.rows('SELECT status FROM parent ORDER BY id')).toEqual([{ status: 'draft' }, { status: 'live' }]);
  });

  test('setTableComment ↔ setTableComment, createSchema ↔ dropSchema', async () => {
    await roundTrip(h, { kind: 'setTableComment', table: 'parent', comment: 'people', existing: null }, async () => {
      expect((await h.table('parent'))?.comment).toBe('people');
    });
    await h.op.createSchema('audit');
    await h.op.createSchema('audit'); // IF NOT EXISTS: a second create is harmless
    await h.op.createTable({ ...parentSpec, name: 'audit.event' });
    await h.op.addColumn('audit.event', { name: 'at', type: 'timestamp with time zone', isNullable: true });
    expect((await h.table('audit.event'))?.columns.map((c) => c.name)).toContain('at');
    await h.op.dropTable('audit.event');
    await h.op.dropSchema('audit');
    expect(await h.rows(`SELECT 1 FROM pg_namespace WHERE nspname = 'audit'`)).toEqual([]);
  });
});

describe('ops on PostgreSQL: offline (--sql)', () => {
  test('a script of several revisions builds on tables it created itself, and runs as printed', async () => {
    const db = await createPostgresDatabase();
    const h = await openHarness(db, 'offline');
    try {
      await h.op.createSchema('app');
      await h.op.createTable(parentSpec);
      await h.op.addColumn('parent', { name: 'age', type: 'integer', isNullable: true });
      await h.op.alterColumn('parent', 'email', { length: '320' });
      await h.op.alterColumn('parent', 'age', { type: 'bigint', isNullable: false, default: '0' });
      await h.op.createIndex('parent', { name: 'idx_parent_age', columnNames: ['age'] });
      await h.op.renameTable('parent', 'account');
      await h.op.addColumn('account', { name: 'nick', type: 'varchar', length: '20', isNullable: true });
      await h.op.renameColumn('account', 'nick', 'nickname');
      await h.op.createView({ name: 'v_account', expression: 'SELECT id FROM account' });
      await h.op.dropView({ name: 'v_account', expression: 'SELECT id FROM account' });
      await h.op.bulkInsert('account', [{ id: 1, email: "it's", age: 3 }]);
      const statements = (h.sink as { statements: string[] }).statements;
      const script = statements.join('\n');
      expect(script).not.toMatch(/DROP COLUMN/);
      expect(script).toContain(`ALTER COLUMN "age" TYPE bigint USING "age"::bigint`);
      expect(script).toContain(`VALUES (1, 'it''s', 3)`);
      expect(await h.table('parent')).toBeUndefined();
      for (const sql of statements) await h.queryRunner.query(sql);
      const account = await h.table('account');
      expect(account?.columns.map((c) => c.name)).toEqual(['age', 'email', 'id', 'nickname', 'score']);
      expect(account?.columns.find((c) => c.name === 'email')?.length).toBe('320');
    } finally {
      await h.close();
      await db.drop();
    }
  });
});

test('narrowing a varchar refuses values that no longer fit instead of cutting them', async () => {
  const db = await createPostgresDatabase();
  await withProject(db, undefined, async (project) => {
    project.writeConfig({ entities: [] });
    project.writeRevision(
      'aaaa00000001',
      null,
      `await op.createTable({ name: 'product', columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'name', type: 'varchar', length: '200' }] });
  await op.bulkInsert('product', [{ id: 1, name: 'short' }, { id: 2, name: '${'x'.repeat(150)}' }]);`,
      `await op.dropTable('product');`,
      'product',
    );
    project.writeRevision('bbbb00000002', 'aaaa00000001', `await op.alterColumn('product', 'name', { length: '120' });`, `await op.alterColumn('product', 'name', { length: '200' });`, 'narrow');
    expect((await project.cli('upgrade', 'aaaa')).code).toBe(0);
    const narrow = await project.cli('upgrade', 'head');
    expect(narrow.code).toBe(1);
    expect(narrow.stderr).toContain('value too long for type character varying(120)');
    const lengths = await withConnection(db, (ds) => ds.query(`SELECT id, length(name) AS n FROM product ORDER BY id`));
    expect(lengths).toEqual([{ id: 1, n: 5 }, { id: 2, n: 150 }]);
    // With the long value shortened by hand, it goes through.
    await withConnection(db, (ds) => ds.query(`UPDATE product SET name = 'long' WHERE id = 2`));
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
  });
});
