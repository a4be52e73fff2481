/**
 * A key column's generation changing under the same column: serial (`@PrimaryGeneratedColumn()`)
 * ↔ identity (`@PrimaryGeneratedColumn('identity', { generatedIdentity })`), an identity's ALWAYS
 * ↔ BY DEFAULT, and a plain key becoming either. TypeORM's builder compares only `isGenerated`, so
 * `check` said "No changes detected" for all but plain ↔ serial, and that one left the new
 * sequence at 1 (the next insert collided with the rows there).
 *
 * Each step: entity change → `check` names it → revision → upgrade → `check` clean → the rows are
 * there and the next insert gets a free key (past a deleted row's too). Then downgrade step by
 * step back to the start, rows kept and inserts working at each, and `verify`.
 * Needs PostgreSQL; on SQLite (no identity columns) the same entity changes are no change.
 */
import { createPostgresDatabase, createSqliteDatabase, withConnection, type TestDatabase } from './helpers/databases';
import { withProject, type TestProject } from './helpers/project';
import { pendingOps, withoutChangeSummary } from './helpers/round-trip';
import { scaled } from './helpers/wait-for';

type Key = 'plain' | 'serial' | 'identity ALWAYS' | 'identity BY DEFAULT';

const DECORATOR: Record<Key, string> = {
  plain: `@PrimaryColumn('int')`,
  serial: `@PrimaryGeneratedColumn()`,
  'identity ALWAYS': `@PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })`,
  'identity BY DEFAULT': `@PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT' })`,
};

/** `item` and `tag` with the given keys; `tag` starts plain, so it goes through the other transitions. */
const entities = (n: number, item: Key, tag: Key) => `
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('item')
export class ItemV${n} {
  ${DECORATOR[item]} id!: number;
  @Column() name!: string;
}

@Entity('tag')
export class TagV${n} {
  ${DECORATOR[tag]} id!: number;
  @Column() name!: string;
}
`;

/** Each step's keys, and the generation change `check` reports for each table. */
const STEPS: { item: Key; tag: Key }[] = [
  { item: 'serial', tag: 'plain' },
  { item: 'identity ALWAYS', tag: 'identity BY DEFAULT' },
  { item: 'identity BY DEFAULT', tag: 'serial' },
  { item: 'serial', tag: 'plain' },
];

/** How PostgreSQL generates the column now. */
async function generation(db: TestDatabase, table: string): Promise<Key> {
  const [row] = (await withConnection(db, (ds) =>
    ds.query(`SELECT is_identity, identity_generation, column_default FROM information_schema.columns WHERE table_name = $1 AND column_name = 'id'`, [table]),
  )) as { is_identity: string; identity_generation: string | null; column_default: string | null }[];
  if (row!.is_identity === 'YES') return `identity ${row!.identity_generation}` as Key;
  return row!.column_default?.startsWith('nextval(') ? 'serial' : 'plain';
}

/** The table's ids, in order. */
const ids = (db: TestDatabase, table: string): Promise<number[]> =>
  withConnection(db, async (ds) => ((await ds.query(`SELECT id FROM "${table}" ORDER BY id`)) as { id: number }[]).map((r) => r.id));

/** Insert a row the way the application would (no id where the key is generated); its id. */
async function insert(db: TestDatabase, table: string, key: Key): Promise<number> {
  return withConnection(db, async (ds) => {
    const sql =
      key === 'plain'
        ? `INSERT INTO "${table}" (id, name) SELECT COALESCE(MAX(id), 0) + 1, 'x' FROM "${table}" RETURNING id`
        : `INSERT INTO "${table}" (name) VALUES ('x') RETURNING id`;
    const [row] = (await ds.query(sql)) as { id: number }[];
    return row!.id;
  });
}

async function expectClean(project: TestProject): Promise<void> {
  expect(await pendingOps(project)).toEqual([]);
}

describe('key generation changes on PostgreSQL', () => {
  test('serial ↔ identity, ALWAYS ↔ BY DEFAULT, plain → identity / serial: detected, applied with the rows kept and keys free, reversed', async () => {
    await withProject(await createPostgresDatabase(), 'key-generation', async (project) => {
      const db = project.db;
      project.writeConfig({ entities: ['entities/*.ts'] });
      const write = (i: number) => {
        if (i > 0) project.remove(`entities/v${i - 1}.ts`);
        project.write(`entities/v${i}.ts`, entities(i, STEPS[i]!.item, STEPS[i]!.tag));
      };
      write(0);
      expect((await project.cli('revision', '--autogenerate', '-m', 'v0')).code).toBe(0);
      expect((await project.cli('upgrade', 'head')).code).toBe(0);
      await expectClean(project);
      // Three rows, the last deleted: the sequence stands past the largest key.
      for (let i = 0; i < 3; i++) await insert(db, 'item', 'serial');
      for (let i = 0; i < 2; i++) await insert(db, 'tag', 'plain');
      await withConnection(db, (ds) => ds.query(`DELETE FROM item WHERE id = 3`));

      const expected = { item: [1, 2], tag: [1, 2] };
      for (let i = 1; i < STEPS.length; i++) {
        const before = STEPS[i - 1]!;
        const step = STEPS[i]!;
        write(i);
        const pending = await pendingOps(project);
        const name = (k: Key) => (k === 'plain' ? 'none' : k);
        expect(pending).toEqual(
          expect.arrayContaining([
            `~ column item.id (${name(before.item)} → ${name(step.item)})`,
            `~ column tag.id (${name(before.tag)} → ${name(step.tag)})`,
          ]),
        );
        const revision = await project.cli('revision', '--autogenerate', '-m', `v${i}`);
        expect({ ...revision, stderr: withoutChangeSummary(revision.stderr) }).toMatchObject({ code: 0, stderr: '' });
        const source = project.read(revision.stdout.trim());
        // Both ways in the generation's own words, none left undefined (exactOptionalPropertyTypes).
        expect(source).not.toContain('undefined');
        if (i === 1) {
          expect(source).toContain(`await op.alterColumn('item', 'id', { generationStrategy: 'identity', generatedIdentity: 'ALWAYS' }, { existing: {`);
          expect(source).toContain(`await op.alterColumn('item', 'id', { isGenerated: true, generationStrategy: 'increment' }, { existing: {`);
        }
        if (i === 1) {
          // The script says the same: each step is plain SQL, the sequence moved by a query of its own.
          const script = await project.cli('upgrade', 'head', '--sql');
          expect(script.code).toBe(0);
          expect(script.stdout).toContain(`ALTER TABLE "item" ALTER COLUMN "id" ADD GENERATED ALWAYS AS IDENTITY;`);
          expect(script.stdout).toContain(`ALTER TABLE "tag" ALTER COLUMN "id" ADD GENERATED BY DEFAULT AS IDENTITY;`);
          expect(script.stdout).toMatch(/SELECT setval\(pg_get_serial_sequence\('"item"', 'id'\), GREATEST\(COALESCE\(MAX\("id"\), 0\), COALESCE\(pg_sequence_last_value\(/);
        }
        const upgrade = await project.cli('upgrade', 'head');
        expect({ code: upgrade.code, stderr: upgrade.stderr }).toEqual({ code: 0, stderr: '' });
        await expectClean(project);
        expect(await generation(db, 'item')).toBe(step.item);
        expect(await generation(db, 'tag')).toBe(step.tag);
        expect(await ids(db, 'item')).toEqual(expected.item);
        expect(await ids(db, 'tag')).toEqual(expected.tag);
        // The next key is past every key handed out before (item's deleted 3 included).
        const next = Math.max(...expected.item, 3) + 1;
        expect(await insert(db, 'item', step.item)).toBe(next);
        expected.item.push(next);
        const nextTag = Math.max(...expected.tag) + 1;
        expect(await insert(db, 'tag', step.tag)).toBe(nextTag);
        expected.tag.push(nextTag);
      }

      // Back down, one revision at a time: each generation comes back, rows and free keys too.
      for (let i = STEPS.length - 2; i >= 0; i--) {
        const downgrade = await project.cli('downgrade', '-1');
        expect({ code: downgrade.code, stderr: downgrade.stderr }).toEqual({ code: 0, stderr: '' });
        expect(await generation(db, 'item')).toBe(STEPS[i]!.item);
        expect(await generation(db, 'tag')).toBe(STEPS[i]!.tag);
        expect(await ids(db, 'item')).toEqual(expected.item);
        expect(await ids(db, 'tag')).toEqual(expected.tag);
        const next = Math.max(...expected.item) + 1;
        expect(await insert(db, 'item', STEPS[i]!.item)).toBe(next);
        expected.item.push(next);
      }

      expect((await project.cli('upgrade', 'head')).code).toBe(0);
      await expectClean(project);
      expect(await ids(db, 'item')).toEqual(expected.item);
      const verify = await project.cli('verify');
      expect({ code: verify.code, stderr: verify.stderr }).toEqual({ code: 0, stderr: '' });
    });
    // Eight revisions run, three checks each, and verify: longer than one default test timeout.
  }, scaled(240_000));
});

describe('key generation changes on SQLite (no identity columns)', () => {
  test('serial ↔ identity is no change: the rowid key generates either way', async () => {
    await withProject(await createSqliteDatabase(), 'key-generation', async (project) => {
      project.writeConfig({ entities: ['entities/*.ts'] });
      const keys: Key[] = ['serial', 'identity ALWAYS', 'identity BY DEFAULT', 'serial'];
      project.write('entities/v0.ts', entities(0, keys[0]!, 'plain'));
      expect((await project.cli('revision', '--autogenerate', '-m', 'v0')).code).toBe(0);
      expect((await project.cli('upgrade', 'head')).code).toBe(0);
      for (let i = 1; i < keys.length; i++) {
        project.remove(`entities/v${i - 1}.ts`);
        project.write(`entities/v${i}.ts`, entities(i, keys[i]!, 'plain'));
        await expectClean(project);
      }
    });
  });
});
