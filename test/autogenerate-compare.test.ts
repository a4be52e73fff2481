/**
 * Autogenerate, the comparison itself (`compareSchema`, no CLI): entities vs a real database →
 * ops, applied with our executor, after which the comparison must come back empty; renames,
 * destructive findings, exact reverses. Needs PostgreSQL and SQLite.
 */
import 'reflect-metadata';
import { compareSchema } from '../src/autogenerate/compare';
import type { Op } from '../src/ops/types';
import { reverseOps } from '../src/ops/reverse';
import { databasePerTest, DIALECTS, openDataSource as open, type EntityList, type TestDatabase } from './helpers/databases';
import { applyOps } from './fixtures/autogenerate/apply-ops';
import { V1, V2, V3 } from './fixtures/autogenerate/blog';

/** Autogenerate and apply, then return the ops that were applied. */
async function upgradeTo(db: TestDatabase, entities: EntityList, options: Parameters<typeof compareSchema>[1] = {}): Promise<Op[]> {
  const ds = await open(db, entities);
  try {
    const { ops } = await compareSchema(ds, options);
    await applyOps(ds, ops);
    return ops;
  } finally {
    await ds.destroy();
  }
}

async function pending(db: TestDatabase, entities: EntityList): Promise<Op[]> {
  const ds = await open(db, entities);
  try {
    return (await compareSchema(ds)).ops;
  } finally {
    await ds.destroy();
  }
}

const kinds = (ops: readonly Op[]) => ops.map((op) => op.kind);

describe.each(Object.entries(DIALECTS))('autogenerate compares entities with the database on %s', (_name, create) => {
  const db = databasePerTest(create);

  test('empty database + entities → createTable ops in dependency order, then nothing pending', async () => {
    const ops = await upgradeTo(db, V1);
    expect(kinds(ops)).toEqual(['createTable', 'createTable', 'createTable']);
    const names = ops.map((op) => (op.kind === 'createTable' ? op.table.name : ''));
    expect(names.indexOf('author')).toBeLessThan(names.indexOf('post'));
    const post = ops.find((op) => op.kind === 'createTable' && op.table.name === 'post');
    expect(post).toMatchObject({ table: { foreignKeys: [{ referencedTableName: 'author', onDelete: 'CASCADE' }] } });
    expect(await pending(db, V1)).toEqual([]);
  });

  test('widening a varchar is an in-place alterColumn with existing, and keeps the rows', async () => {
    await upgradeTo(db, V1);
    const seed = await open(db, V1);
    await seed.query(`INSERT INTO author (name, age) VALUES ('Ada', 36)`);
    await seed.destroy();

    const ds = await open(db, V2);
    const result = await compareSchema(ds);
    await ds.destroy();
    const alter = result.ops.find((op) => op.kind === 'alterColumn');
    expect(alter).toMatchObject({
      kind: 'alterColumn',
      table: 'author',
      column: 'name',
      changes: { length: '320' },
      existing: { name: 'name', length: '255', isNullable: false },
    });
    expect(result.ops.some((op) => op.kind === 'dropColumn' || op.kind === 'addColumn')).toBe(false);
    // The legacy table is dropped: its foreign key first, then the table with its full definition.
    expect(kinds(result.ops).indexOf('dropForeignKey')).toBeLessThan(kinds(result.ops).indexOf('dropTable'));
    expect(result.ops.at(-1)).toMatchObject({ kind: 'dropTable', table: { name: 'legacy', columns: expect.any(Array) } });
    expect(result.destructive.map((d) => d.reason)).toEqual(['drops table legacy and its data']);

    await upgradeTo(db, V2);
    expect(await pending(db, V2)).toEqual([]);
    const check = await open(db, V2);
    expect(await check.query(`SELECT name FROM author`)).toEqual([{ name: 'Ada' }]);
    await check.destroy();
  });

  test('a rename hint turns drop+add into renameColumn and keeps the data', async () => {
    await upgradeTo(db, V2);
    const seed = await open(db, V2);
    await seed.query(`INSERT INTO author (name, age) VALUES ('Grace', 85)`);
    await seed.destroy();

    const ops = await upgradeTo(db, V3, { renames: [{ from: 'author.name', to: 'fullName' }] });
    expect(ops).toContainEqual({ kind: 'renameColumn', table: 'author', from: 'name', to: 'fullName' });
    expect(kinds(ops)).not.toContain('dropColumn');
    expect(await pending(db, V3)).toEqual([]);
    const check = await open(db, V3);
    expect(await check.query(`SELECT "fullName" FROM author`)).toEqual([{ fullName: 'Grace' }]);
    await check.destroy();
  });

  test('without a hint the rename stays drop+add, flagged destructive with the --rename to use', async () => {
    await upgradeTo(db, V2);
    const ds = await open(db, V3);
    const result = await compareSchema(ds);
    await ds.destroy();
    expect(kinds(result.ops)).toEqual(expect.arrayContaining(['dropColumn', 'addColumn']));
    const finding = result.destructive.find((d) => d.op.kind === 'dropColumn');
    expect(finding?.reason).toBe('drops column author.name and its data');
    expect(finding?.hint).toContain('--rename author.name:fullName');
  });

  test('an injected confirm answers rename candidates', async () => {
    await upgradeTo(db, V2);
    const asked: unknown[] = [];
    const ds = await open(db, V3);
    const result = await compareSchema(ds, {
      confirmRename: async (candidate) => {
        asked.push(candidate);
        return true;
      },
    });
    await ds.destroy();
    expect(asked).toEqual([{ kind: 'column', table: 'author', from: 'name', to: 'fullName' }]);
    expect(result.ops).toContainEqual({ kind: 'renameColumn', table: 'author', from: 'name', to: 'fullName' });
    expect(result.destructive).toEqual([]);
  });

  test('applying reverseOps of the upgrade restores the previous schema exactly', async () => {
    await upgradeTo(db, V1);
    const ops = await upgradeTo(db, V2);
    const ds = await open(db, V2);
    await applyOps(ds, reverseOps(ops));
    await ds.destroy();
    expect(await pending(db, V1)).toEqual([]);
  });

  test('shrinking a varchar stays in place but is flagged destructive (not on SQLite, which keeps every value)', async () => {
    await upgradeTo(db, V2);
    const ds = await open(db, V1.slice(0, 2));
    const result = await compareSchema(ds);
    await ds.destroy();
    const alter = result.ops.find((op) => op.kind === 'alterColumn');
    expect(alter).toMatchObject({ column: 'name', changes: { length: '255' }, existing: { length: '320' } });
    const reasons = result.destructive.filter((d) => d.op === alter).map((d) => d.reason);
    expect(reasons).toEqual(db.dialect === 'sqlite' ? [] : ['shortens author.name from 320 to 255; longer values make the upgrade fail']);
  });

  test('our own version table is never dropped', async () => {
    await upgradeTo(db, V2);
    const ds = await open(db, V2);
    await ds.query(`CREATE TABLE entity_migrate_version (version_num varchar(32) PRIMARY KEY)`);
    await ds.query(`CREATE TABLE custom_versions (version_num varchar(32) PRIMARY KEY)`);
    expect((await compareSchema(ds, { ignoreTables: ['custom_versions'] })).ops).toEqual([]);
    await ds.destroy();
  });
});
