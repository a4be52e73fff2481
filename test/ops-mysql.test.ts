/**
 * Ops on MariaDB/MySQL, the first cut: alters in place (MODIFY, not drop + add) that keep the
 * values, round trips, and what `type: 'mysql'` reads on a MariaDB server. Needs MariaDB.
 */
import { createMysqlDatabase } from './helpers/databases';
import { roundTrip, seededHarnessPerTest } from './helpers/ops-harness';

describe('ops on MariaDB/MySQL (first cut)', () => {
  const h = seededHarnessPerTest(() => createMysqlDatabase('mariadb'));

  test('alterColumn varchar(255) → varchar(320) and int → bigint keep the values (MODIFY, not drop + add)', async () => {
    const table = (await h.table('parent'))!;
    const email = table.columns.find((c) => c.name === 'email')!;
    const score = table.columns.find((c) => c.name === 'score')!;
    await roundTrip(h, { kind: 'alterColumn', table: 'parent', column: 'email', changes: { length: '320' }, existing: email }, async () => {
      expect((await h.table('parent'))?.columns.find((c) => c.name === 'email')?.length).toBe('320');
      expect(await h.rows('SELECT email FROM parent ORDER BY id')).toEqual([{ email: 'a@example.com' }, { email: 'b@example.com' }]);
    });
    await roundTrip(h, { kind: 'alterColumn', table: 'parent', column: 'score', changes: { type: 'bigint' }, existing: score }, async () => {
      expect((await h.table('parent'))?.columns.find((c) => c.name === 'score')?.type).toBe('bigint');
      expect(await h.rows('SELECT score FROM parent ORDER BY id')).toEqual([{ score: '10' }, { score: '20' }]);
    });
    expect(await h.rows('SELECT COUNT(*) AS n FROM child')).toEqual([{ n: '3' }]);
  });

  test('addColumn, renameColumn, createIndex and bulk ops round-trip', async () => {
    await roundTrip(h, { kind: 'addColumn', table: 'parent', column: { name: 'age', type: 'int', isNullable: true } }, async () => {
      expect((await h.table('parent'))?.columns.map((c) => c.name)).toContain('age');
    });
    await roundTrip(h, { kind: 'renameColumn', table: 'parent', from: 'email', to: 'mail' }, async () => {
      expect(await h.rows('SELECT mail FROM parent ORDER BY id')).toHaveLength(2);
    });
    await roundTrip(h, { kind: 'createIndex', table: 'parent', index: { name: 'idx_parent_score', columnNames: ['score'] } }, async () => {
      expect((await h.table('parent'))?.indices?.map((i) => i.name)).toContain('idx_parent_score');
    });
    await h.op.bulkInsert('parent', [{ id: 3, email: 'back\\slash', score: null }]);
    expect(await h.rows('SELECT email FROM parent WHERE id = 3')).toEqual([{ email: 'back\\slash' }]);
    expect(h.dialect.literal('back\\slash')).toBe(`'back\\\\slash'`);
  });
});

describe("ops with type 'mysql' on the MariaDB server", () => {
  const h = seededHarnessPerTest(() => createMysqlDatabase('mysql'));

  /** MariaDB's COLUMN_DEFAULT: NULL (unquoted) for none, quoted text for a string. */
  const columnDefault = async (table: string, column: string) =>
    (await h.rows(
      `SELECT COLUMN_DEFAULT AS d FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '${table}' AND column_name = '${column}'`,
    ))[0]?.d;

  test("alterColumn on a nullable column keeps it without a default (not the string 'NULL')", async () => {
    await h.op.alterColumn('child', 'note', { length: '200' });
    expect(await columnDefault('child', 'note')).toBe('NULL');
    await h.op.alterColumn('parent', 'score', { type: 'bigint' });
    expect(await columnDefault('parent', 'score')).toBe('NULL');
    await h.op.alterColumn('child', 'note', { default: "'x'" });
    expect(await columnDefault('child', 'note')).toBe("'x'");
    // TypeORM's renameColumn (CHANGE old new <definition>) rebuilds the definition too.
    await h.op.alterColumn('child', 'note', { default: null });
    await h.op.renameColumn('child', 'note', 'remark');
    expect(await columnDefault('child', 'remark')).toBe('NULL');
  });
});
