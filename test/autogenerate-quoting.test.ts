/**
 * Autogenerate and the ops with names that break naive SQL — quotes (' and "), spaces, reserved
 * words, non-ASCII letters — in tables, columns, indexes, constraints, defaults and row values,
 * through the whole loop: revision --autogenerate → upgrade → check → a data-keeping column
 * change → downgrade → upgrade, and the `--sql` script run by hand.
 *
 * The last describe holds the names TypeORM's own SQL does not quote (its schema reader puts table
 * names in '…' unescaped, its DDL puts names in "…" unescaped, its string defaults in '…'
 * unescaped): autogenerate refuses those with one clear line. Needs PostgreSQL and SQLite.
 */
import { DIALECTS, SQLITE_DRIVER, tableNames, versionRows, withConnection, type TestDatabase } from './helpers/databases';
import { projectPerTest, withProject, type TestProject } from './helpers/project';
import { withoutChangeSummary } from './helpers/round-trip';

const ORDER = 'order';
const MENU = 'café menu 名前';
const QUOTED = "it's quoted";
const NEW_COLUMN = "l'idée naïve";

/** v1, and v2 which widens a column (kept rows must survive) and adds one. */
const entities = (version: 1 | 2) => `
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';

@Entity(${JSON.stringify(ORDER)})
@Unique(${JSON.stringify(`uq user it's`)}, ['user', 'twoWords'])
@Check(${JSON.stringify(`chk café it's`)}, ${JSON.stringify(`"café" <> 'it''s "bad"'`)})
export class Order${version} {
  @PrimaryColumn({ name: 'select', type: 'integer' })
  select!: number;

  @Column({ name: 'user', type: 'varchar', length: 50 })
  user!: string;

  @Column({ name: ${JSON.stringify(QUOTED)}, type: 'varchar', length: ${version === 1 ? 30 : 100} })
  quoted!: string;

  @Column({ name: 'two words', type: 'varchar', length: 50, nullable: true })
  twoWords!: string | null;

  @Column({ name: 'café', type: 'varchar', length: 50, default: ${JSON.stringify('say "hi" à 名前')} })
  cafe!: string;

  @Index(${JSON.stringify(`idx 名前 it's`)})
  @Column({ name: '名前', type: 'varchar', length: 50, nullable: true })
  namae!: string | null;
${version === 2 ? `\n  @Column({ name: ${JSON.stringify(NEW_COLUMN)}, type: 'varchar', length: 30, nullable: true })\n  naive!: string | null;\n` : ''}}

@Entity(${JSON.stringify(MENU)})
export class Menu${version} {
  @PrimaryColumn({ name: 'id', type: 'integer' })
  id!: number;

  @Column({ name: '名前', type: 'varchar', length: 50 })
  namae!: string;

  @ManyToOne(() => Order${version}, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'the order', referencedColumnName: 'select' })
  order!: Order${version} | null;
}
`;

const orderRows = [
  { select: 1, user: "o'brien", [QUOTED]: 'say "hi"', 'two words': 'a b', café: "crème brûlée 'x'", 名前: '名前' },
  { select: 2, user: 'select', [QUOTED]: "'); DROP TABLE \"order\"; --", 'two words': null, café: 'naïve', 名前: null },
];
const menuRows = [
  { id: 1, 名前: 'メニュー', 'the order': 1 },
  { id: 2, 名前: `it's "fine"`, 'the order': null },
];

function seedRevision(project: TestProject): void {
  const rows = (value: unknown) => JSON.stringify(value);
  project.writeRevision(
    'bbbb00000002',
    'aaaa00000001',
    `await op.bulkInsert(${rows(ORDER)}, ${rows(orderRows)});\n  await op.bulkInsert(${rows(MENU)}, ${rows(menuRows)});`,
    `await op.bulkDelete(${rows(MENU)}, ${rows(menuRows)});\n  await op.bulkDelete(${rows(ORDER)}, ${rows(orderRows)});`,
    'seed odd rows',
  );
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function rows(db: TestDatabase): Promise<{ order: unknown[]; menu: unknown[] }> {
  return withConnection(db, async (ds) => ({
    order: await ds.query(`SELECT ${['select', 'user', QUOTED, 'two words', 'café', '名前'].map(q).join(', ')} FROM ${q(ORDER)} ORDER BY ${q('select')}`),
    menu: await ds.query(`SELECT ${['id', '名前', 'the order'].map(q).join(', ')} FROM ${q(MENU)} ORDER BY id`),
  }));
}

/** Run a printed script as a user would (psql -f, sqlite3 < file): many statements at once. */
async function runScript(db: TestDatabase, script: string): Promise<void> {
  await withConnection(db, async (ds) => {
    if (db.dialect !== 'sqlite') {
      await ds.query(script);
      return;
    }
    const connection = (ds.driver as unknown as { databaseConnection: { exec(sql: string, done?: (error: Error | null) => void): unknown } })
      .databaseConnection;
    await new Promise<void>((resolve, reject) => {
      try {
        if (SQLITE_DRIVER === 'better-sqlite3') {
          connection.exec(script);
          resolve();
        } else {
          connection.exec(script, (error) => (error ? reject(error) : resolve()));
        }
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Column name → length, as TypeORM reads the table back. */
async function columns(db: TestDatabase, table: string): Promise<Record<string, string>> {
  return withConnection(db, async (ds) => {
    const runner = ds.createQueryRunner();
    try {
      return Object.fromEntries(((await runner.getTable(table))?.columns ?? []).map((c) => [c.name, c.length]));
    } finally {
      await runner.release();
    }
  });
}

describe.each(Object.entries(DIALECTS))('odd names round-trip on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'quoting');
  beforeEach(() => {
    project.writeConfig({ entities: ['entities/*.ts'] });
  });

  async function ok(...args: string[]): Promise<string> {
    const result = await project.cli(...args);
    expect({ args, code: result.code, stderr: withoutChangeSummary(result.stderr) }).toEqual({ args, code: 0, stderr: '' });
    return result.stdout;
  }

  /** `--sql`: the script on stdout; progress goes to stderr. */
  async function script(...args: string[]): Promise<string> {
    const result = await project.cli(...args, '--sql');
    expect({ args, code: result.code, stderr: result.stderr.replace(/^(\[\d+\/\d+, [\d.]+ s\] )?Running (up|down)grade .*\n/gm, '') }).toEqual({ args, code: 0, stderr: '' });
    return result.stdout;
  }

  async function expectClean(): Promise<void> {
    expect(await ok('check')).toContain('No changes detected');
  }

  const expectedOrder = orderRows.map((r) => ({ ...r }));
  const expectedMenu = menuRows.map((r) => ({ ...r }));
  const own = ['entity_migrate_history', 'entity_migrate_version'];

  test('autogenerate → upgrade → check → alter with rows → downgrade base → upgrade', async () => {
    project.write('entities/v1.ts', entities(1));
    await ok('revision', '--autogenerate', '-m', 'odd names', '--rev-id', 'aaaa00000001');
    await ok('upgrade', 'head');
    expect(await tableNames(project.db)).toEqual([MENU, ...own, ORDER].sort());
    await expectClean();

    seedRevision(project);
    await ok('upgrade', 'head');
    expect(await rows(project.db)).toEqual({ order: expectedOrder, menu: expectedMenu });

    // Widen a column of a table holding rows (SQLite rebuilds the table and copies them) and add one.
    project.remove('entities/v1.ts');
    project.write('entities/v2.ts', entities(2));
    await ok('revision', '--autogenerate', '-m', 'widen and add', '--rev-id', 'cccc00000003');
    await ok('upgrade', 'head');
    expect(await columns(project.db, ORDER)).toMatchObject({ [QUOTED]: '100', [NEW_COLUMN]: '30' });
    expect(await rows(project.db)).toEqual({ order: expectedOrder, menu: expectedMenu });
    await expectClean();

    // Back: the column change undone with the rows kept, then the seed's rows deleted by value.
    await ok('downgrade', 'bbbb00000002');
    expect(await columns(project.db, ORDER)).toMatchObject({ [QUOTED]: '30' });
    expect(await columns(project.db, ORDER)).not.toHaveProperty([NEW_COLUMN]);
    expect(await rows(project.db)).toEqual({ order: expectedOrder, menu: expectedMenu });
    await ok('downgrade', 'aaaa00000001');
    expect(await rows(project.db)).toEqual({ order: [], menu: [] });
    await ok('downgrade', 'base');
    expect(await tableNames(project.db)).toEqual(own);

    await ok('upgrade', 'head');
    expect(await versionRows(project.db)).toEqual(['cccc00000003']);
    expect(await rows(project.db)).toEqual({ order: expectedOrder, menu: expectedMenu });
    await expectClean();

    // The constraints hold under their odd names: the check rejects its value, the unique a duplicate.
    await withConnection(project.db, async (ds) => {
      await expect(ds.query(`INSERT INTO ${q(ORDER)} (${q('select')}, ${q('user')}, ${q(QUOTED)}, ${q('café')}) VALUES (9, 'u', 'x', 'it''s "bad"')`)).rejects.toThrow();
      await expect(ds.query(`INSERT INTO ${q(ORDER)} (${q('select')}, ${q('user')}, ${q(QUOTED)}, ${q('two words')}) VALUES (9, 'o''brien', 'x', 'a b')`)).rejects.toThrow();
      // The default with both quotes.
      await ds.query(`INSERT INTO ${q(ORDER)} (${q('select')}, ${q('user')}, ${q(QUOTED)}) VALUES (9, 'u', 'x')`);
      const [row] = await ds.query(`SELECT ${q('café')} AS v FROM ${q(ORDER)} WHERE ${q('select')} = 9`);
      expect(row.v).toBe('say "hi" à 名前');
    });
  });

  test('the --sql script of the whole chain runs as printed', async () => {
    project.write('entities/v1.ts', entities(1));
    await ok('revision', '--autogenerate', '-m', 'odd names', '--rev-id', 'aaaa00000001');
    await ok('upgrade', 'head');
    seedRevision(project);
    await ok('upgrade', 'head');
    project.remove('entities/v1.ts');
    project.write('entities/v2.ts', entities(2));
    await ok('revision', '--autogenerate', '-m', 'widen and add', '--rev-id', 'cccc00000003');
    await ok('downgrade', 'base');

    await runScript(project.db, await script('upgrade', 'head'));
    expect(await versionRows(project.db)).toEqual(['cccc00000003']);
    expect(await rows(project.db)).toEqual({ order: expectedOrder, menu: expectedMenu });
    await expectClean();

    await runScript(project.db, await script('downgrade', 'base'));
    expect(await tableNames(project.db)).toEqual(own);
  });
});

/**
 * Names TypeORM's own schema SQL cannot carry (its reader puts table names in '…' unescaped, its
 * DDL puts identifiers in "…" unescaped, its string defaults in '…' unescaped). Autogenerate
 * refuses them with one line naming the entity and the name, instead of writing a revision that
 * fails at upgrade or a diff that never settles.
 */
const unquotedByTypeorm: [string, string, string][] = [
  [
    "a ' in a table name",
    `@Entity("it's") export class SingleQuoteTable { @PrimaryColumn({ type: 'integer' }) id!: number; }`,
    `entity SingleQuoteTable: table name "it's" contains a single quote`,
  ],
  [
    'a " in a column name',
    `@Entity('plain') export class DoubleQuoteNames {
      @PrimaryColumn({ type: 'integer' }) id!: number;
      @Column({ name: 'col "x"', type: 'varchar', length: 20, nullable: true }) x!: string;
    }`,
    'entity DoubleQuoteNames: column name "col \\"x\\"" contains a double quote',
  ],
  [
    "a ' in a string default",
    `@Entity('t') export class SingleQuoteDefault {
      @PrimaryColumn({ type: 'integer' }) id!: number;
      @Column({ type: 'varchar', length: 20, default: "l'été" }) season!: string;
    }`,
    `entity SingleQuoteDefault: default of column season "l'été" contains a single quote`,
  ],
];

describe.each(Object.entries(DIALECTS))('names TypeORM itself does not quote, on %s', (_name, createDatabase) => {
  test.each(unquotedByTypeorm)('%s is refused with one line', async (_label, source, message) => {
    await withProject(await createDatabase(), 'quoting-typeorm', async (project) => {
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.write('entities/e.ts', `import { Column, Entity, Index, PrimaryColumn } from 'typeorm';\n${source}\n`);
      for (const args of [['revision', '--autogenerate', '-m', 'odd'], ['check']]) {
        const result = await project.cli(...args);
        expect(result.code).toBe(1);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toContain(message);
        expect(result.stderr).toContain("which TypeORM's schema SQL does not escape");
      }
      expect(project.revisionFiles()).toEqual([]);
    });
  });
});
