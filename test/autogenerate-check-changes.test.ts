/**
 * Check constraints through the loop on every database: entity change → `check` names it →
 * revision → upgrade → `check` clean → downgrade, rows kept. A named check whose expression
 * changed is a drop + create with the old definition in the downgrade; the expressions are
 * compared as the database stores them, so the same rule in other words is no change.
 *
 * - MariaDB: TypeORM's schema builder skips checks there ("MySql does not support check
 *   constraints"), so an entity's `@Check`s were never created, and a change or removal never
 *   noticed; now they are created with their table, added, changed and dropped, and a dropped
 *   table's come back with it in the downgrade.
 * - PostgreSQL and SQLite: the same loop (TypeORM's builder matches checks by name only).
 * Needs PostgreSQL, SQLite and MariaDB.
 */
import { createMysqlDatabase, createPostgresDatabase, createSqliteDatabase, withConnection, type TestDatabase } from './helpers/databases';
import { withProject, type TestProject } from './helpers/project';
import { pendingOps, withoutChangeSummary } from './helpers/round-trip';

/** Expressions every database here takes as written (no quoted names: MySQL reads "x" as a string). */
const V1 = [`'CHK_qty', 'qty < 100'`, `'price <> 0'`, `'CHK_gone', 'qty <> 7'`];
/** CHK_qty changed, the unnamed one reworded (a new hashed name), CHK_gone dropped, CHK_new added. */
const V2 = [`'CHK_qty', 'qty < 1000'`, `'price <> 1'`, `'CHK_new', 'qty >= 0'`];
/**
 * V2 in other words: the stored forms are the same, so no change. SQLite keeps a check as written,
 * so there only whitespace may differ.
 */
const V2_REWORDED = (dialect: TestDatabase['dialect']) =>
  dialect === 'sqlite' ? [`'CHK_qty', 'qty   <   1000'`, V2[1]!, `'CHK_new', 'qty >=  0'`] : [`'CHK_qty', '(qty)   <   1000'`, `'price != 1'`, `'CHK_new', 'QTY >= 0'`];

/** `product` with `checks`; in the first version also `archive` with a check of its own, dropped later. */
const entity = (n: number, checks: string[]) => `
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

${checks.map((c) => `@Check(${c})`).join('\n')}
@Entity('product')
export class ProductV${n} {
  @PrimaryColumn('int') id!: number;
  @Column('int') price!: number;
  @Column('int') qty!: number;
}
${
  n === 1
    ? `
@Check('CHK_archive_qty', 'qty > 0')
@Entity('archive')
export class Archive {
  @PrimaryColumn('int') id!: number;
  @Column('int') qty!: number;
}`
    : ''
}`;

/** The table's check constraints: name → the definition the database keeps. */
async function checks(db: TestDatabase, table = 'product'): Promise<Record<string, string>> {
  return withConnection(db, async (ds) => {
    let rows: { name: string; definition: string }[];
    if (db.dialect === 'postgres') {
      rows = await ds.query(`SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c'`, [table]);
    } else if (db.dialect === 'mysql') {
      rows = await ds.query(
        `SELECT CONSTRAINT_NAME AS name, CHECK_CLAUSE AS definition FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?`,
        [table],
      );
    } else {
      const [created] = (await ds.query(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, [table])) as { sql: string }[];
      rows = [...created!.sql.matchAll(/CONSTRAINT "([^"]+)" CHECK \((.*?)\)(?=, CONSTRAINT|, PRIMARY|\)$)/g)].map((m) => ({ name: m[1]!, definition: m[2]! }));
    }
    return Object.fromEntries(rows.map((r) => [r.name, r.definition]));
  });
}

const rows = (db: TestDatabase) =>
  withConnection(db, async (ds) => ((await ds.query(`SELECT id, price, qty FROM product ORDER BY id`)) as Record<string, unknown>[]).map((r) => Object.values(r).map(Number)));

async function autogenerate(project: TestProject, message: string, ...flags: string[]): Promise<string> {
  const revision = await project.cli('revision', '--autogenerate', '-m', message, ...flags);
  expect(revision.code).toBe(0);
  // Only the drop asked for is a warning.
  expect(withoutChangeSummary(revision.stderr).split('\n').filter((line) => line && !line.includes('drops table archive'))).toEqual([]);
  const upgrade = await project.cli('upgrade', 'head');
  expect({ code: upgrade.code, stderr: upgrade.stderr }).toEqual({ code: 0, stderr: '' });
  expect(await pendingOps(project)).toEqual([]);
  return project.read(revision.stdout.trim());
}

const DATABASES = { postgres: createPostgresDatabase, sqlite: createSqliteDatabase, mariadb: () => createMysqlDatabase() };

describe.each(Object.entries(DATABASES))('check constraints on %s', (_name, createDatabase) => {
  test('created with their table, then changed, added and dropped; the downgrade restores them; rows kept', async () => {
    await withProject(await createDatabase(), 'check-changes', async (project) => {
      const db = project.db;
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.write('entities/v1.ts', entity(1, V1));
      await autogenerate(project, 'products');
      const v1 = await checks(db);
      expect(Object.keys(v1).filter((n) => n === 'CHK_qty' || n === 'CHK_gone').sort()).toEqual(['CHK_gone', 'CHK_qty']);
      expect(Object.keys(v1)).toHaveLength(3);
      expect(v1.CHK_qty).toMatch(/100\b/);
      const archive = await checks(db, 'archive');
      expect(Object.keys(archive)).toEqual(['CHK_archive_qty']);
      await withConnection(db, (ds) => ds.query(`INSERT INTO product (id, price, qty) VALUES (1, 5, 50), (2, 6, 60)`));
      // The database enforces them.
      await expect(withConnection(db, (ds) => ds.query(`INSERT INTO product (id, price, qty) VALUES (3, 5, 500)`))).rejects.toThrow();

      project.remove('entities/v1.ts');
      project.write('entities/v2.ts', entity(2, V2));
      const pending = await pendingOps(project);
      expect(pending.filter((line) => line.includes('CHK_qty'))).toEqual([
        expect.stringMatching(/^- check CHK_qty on product: .*100\b/),
        expect.stringMatching(/^\+ check CHK_qty on product: qty < 1000$/),
      ]);
      expect(pending).toContainEqual(expect.stringMatching(/^- check CHK_gone on product/));
      expect(pending).toContainEqual('+ check CHK_new on product: qty >= 0');
      const source = await autogenerate(project, 'changed checks', '--allow-drop');
      expect(source).toMatch(/upgrade[^]*dropCheck\('product', \{ name: 'CHK_qty'[^]*downgrade/);
      const v2 = await checks(db);
      expect(v2.CHK_qty).toMatch(/1000/);
      expect(v2.CHK_new).toBeDefined();
      expect(v2.CHK_gone).toBeUndefined();
      expect(Object.keys(v2)).toHaveLength(3);
      // A row the old rule refused is allowed now.
      await withConnection(db, (ds) => ds.query(`INSERT INTO product (id, price, qty) VALUES (3, 5, 500)`));

      // The same rules in other words are no change.
      project.remove('entities/v2.ts');
      project.write('entities/v3.ts', entity(3, V2_REWORDED(db.dialect)));
      expect(await pendingOps(project)).toEqual([]);
      project.remove('entities/v3.ts');
      project.write('entities/v2.ts', entity(2, V2));

      await withConnection(db, (ds) => ds.query(`DELETE FROM product WHERE id = 3`));
      const downgrade = await project.cli('downgrade', '-1');
      expect({ code: downgrade.code, stderr: downgrade.stderr }).toEqual({ code: 0, stderr: '' });
      expect(await checks(db)).toEqual(v1);
      // The dropped table comes back with its check.
      expect(await checks(db, 'archive')).toEqual(archive);
      expect(await rows(db)).toEqual([
        [1, 5, 50],
        [2, 6, 60],
      ]);
      const upgrade = await project.cli('upgrade', 'head');
      expect(upgrade.code).toBe(0);
      expect(await checks(db)).toEqual(v2);
    });
  });
});
