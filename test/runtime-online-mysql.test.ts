/**
 * Online mode on MySQL/MariaDB (issue 11 §2, config `online: true`): each ALTER of an existing
 * table asks for ALGORITHM=INSTANT, else ALGORITHM=INPLACE with LOCK=NONE, while the app keeps
 * inserting into the table; where the server refuses both (a foreign key with foreign_key_checks
 * on), the ALTER runs as written after one warning naming the revision, the op and the table.
 * The statements are read from `upgrade --verbose` (TypeORM's query log). On PostgreSQL and SQLite
 * the same revision runs as before: this part changes nothing there.
 */
import { DataSource } from 'typeorm';
import { createMysqlDatabase, createPostgresDatabase, createSqliteDatabase, withConnection, type TestDatabase } from './helpers/databases';
import { projectPerTest, type TestProject } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';
import { waitFor } from './helpers/wait-for';

beforeAll(() => ensureBuilt(), 120_000);

const ROWS = 5000;

const CREATE = [
  `await op.createTable({ name: 'customers', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });`,
  `await op.createTable({ name: 'orders', columns: [`,
  `  { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },`,
  `  { name: 'note', type: 'varchar', length: '50', isNullable: true },`,
  `  { name: 'customer_id', type: 'integer', isNullable: true },`,
  `] });`,
  `await op.createIndex('orders', { name: 'IDX_orders_old', columnNames: ['customer_id'] });`,
].join('\n');
const DROP = `await op.dropTable('orders'); await op.dropTable('customers');`;

/**
 * The online revision: an instant column, an in-place index build and drop, a widened varchar, and
 * a foreign key (refused online); and a new table whose own foreign key is not worth a warning.
 */
const ONLINE = [
  `await op.createTable({ name: 'tags', columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'customer_id', type: 'integer', isNullable: true }] });`,
  `await op.createForeignKey('tags', { name: 'FK_tags_customer', columnNames: ['customer_id'], referencedTableName: 'customers', referencedColumnNames: ['id'] });`,
  `await op.addColumn('orders', { name: 'flag', type: 'boolean', isNullable: false, default: 'false' });`,
  `await op.createIndex('orders', { name: 'IDX_orders_note', columnNames: ['note'] });`,
  `await op.dropIndex('orders', 'IDX_orders_old');`,
  `await op.alterColumn('orders', 'note', { length: '60' }, { existing: { name: 'note', type: 'varchar', length: '50', isNullable: true } });`,
  `await op.createForeignKey('orders', { name: 'FK_orders_customer', columnNames: ['customer_id'], referencedTableName: 'customers', referencedColumnNames: ['id'] });`,
].join('\n');
const ONLINE_DOWN = [
  `await op.dropForeignKey('orders', 'FK_orders_customer');`,
  `await op.alterColumn('orders', 'note', { length: '50' }, { existing: { name: 'note', type: 'varchar', length: '60', isNullable: true } });`,
  `await op.createIndex('orders', { name: 'IDX_orders_old', columnNames: ['customer_id'] });`,
  `await op.dropIndex('orders', 'IDX_orders_note');`,
  `await op.dropColumn('orders', 'flag');`,
  `await op.dropForeignKey('tags', 'FK_tags_customer');`,
  `await op.dropTable('tags');`,
].join('\n');

/** The app: inserts into `orders` one row after another over its own connection until stopped. */
function startWriter(db: TestDatabase): { written: () => number; failures: string[]; stop(): Promise<void> } {
  const failures: string[] = [];
  let written = 0;
  let stopped = false;
  const ds = new DataSource(db.options);
  const loop = (async () => {
    await ds.initialize();
    while (!stopped) {
      await ds.query(`INSERT INTO orders (note) VALUES ('from the app')`).then(
        () => written++,
        (error: unknown) => failures.push(String((error as Error).message)),
      );
    }
    await ds.destroy();
  })();
  return {
    written: () => written,
    failures,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

async function seed(project: TestProject): Promise<void> {
  project.writeRevision('aaaa00000001', null, CREATE, DROP, 'orders');
  project.writeConfig();
  expect((await project.spawn('upgrade', 'head')).code).toBe(0);
  await withConnection(project.db, async (ds) => {
    const values = Array.from({ length: ROWS }, (_, i) => `('seed ${i}', ${i % 10 === 0 ? 1 : 'NULL'})`).join(', ');
    await ds.query(`INSERT INTO customers (id) VALUES (1)`);
    await ds.query(`INSERT INTO orders (note, customer_id) VALUES ${values}`);
  });
  project.writeRevision('bbbb00000002', 'aaaa00000001', ONLINE, ONLINE_DOWN, 'online');
}

/** The upgrade, run while the app writes; returns its output and what the app saw. */
async function upgradeUnderWrites(project: TestProject): Promise<{ code: number; out: string; stderr: string; written: number; failures: string[] }> {
  const writer = startWriter(project.db);
  try {
    await waitFor('the app writing', () => writer.written() > 0);
    const before = writer.written();
    const result = await project.spawn('upgrade', 'head', '--verbose');
    // The app went on writing after the upgrade ended, so the table was never left unusable.
    await waitFor('the app writing after the upgrade', () => writer.written() > before);
    await writer.stop();
    return { code: result.code, out: `${result.stdout}\n${result.stderr}`, stderr: result.stderr, written: writer.written(), failures: writer.failures };
  } finally {
    await writer.stop();
  }
}

const warnings = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('warning:'));

describe('online mode on mariadb', () => {
  const project = projectPerTest(() => createMysqlDatabase(), 'online-mysql');
  beforeEach(() => seed(project));

  test('ALTERs ask for INSTANT, else INPLACE with LOCK=NONE, while the app inserts; a foreign key falls back with one warning', async () => {
    project.writeConfig({ online: true });
    const run = await upgradeUnderWrites(project);
    expect(run.code).toBe(0);
    expect(run.failures).toEqual([]);
    // A column with a default: a catalog change.
    expect(run.out).toMatch(/ALTER TABLE `orders` ADD `flag` boolean NOT NULL DEFAULT false, ALGORITHM=INSTANT/);
    // An index build: refused INSTANT, built in place with writes allowed.
    expect(run.out).toMatch(/CREATE INDEX `IDX_orders_note` ON `orders` \(`note`\) ALGORITHM=INSTANT/);
    expect(run.out).toMatch(/CREATE INDEX `IDX_orders_note` ON `orders` \(`note`\) ALGORITHM=INPLACE LOCK=NONE/);
    // DROP INDEX takes no algorithm clause on MariaDB: it goes as the equivalent ALTER TABLE.
    expect(run.out).toMatch(/ALTER TABLE `orders` DROP INDEX `IDX_orders_old`, ALGORITHM=INSTANT/);
    expect(run.out).toMatch(/ALTER TABLE `orders` MODIFY COLUMN `note` varchar\(60\) NULL, ALGORITHM=INSTANT/);
    // The foreign key: refused online (foreign_key_checks is on), run as written, after one warning.
    expect(warnings(run.stderr)).toEqual([
      expect.stringMatching(
        /^warning: revision bbbb00000002: online: \+ foreign key orders \(customer_id\) → customers \(id\): the server runs this ALTER of orders neither INSTANT nor INPLACE with LOCK=NONE \(ALGORITHM=INPLACE is not supported\. Reason: Adding foreign keys needs foreign_key_checks=OFF\. Try ALGORITHM=COPY\); ran with its default algorithm, which may block writes to orders while it works$/,
      ),
    ]);
    expect(run.out).toMatch(/ALTER TABLE `orders` ADD CONSTRAINT `FK_orders_customer` FOREIGN KEY \(`customer_id`\) REFERENCES `customers`\(`id`\)[^,\n]*\n/);
    // The new table's foreign key went as written, at once.
    expect(run.out).toMatch(/query: ALTER TABLE `tags` ADD CONSTRAINT `FK_tags_customer` FOREIGN KEY \(`customer_id`\) REFERENCES `customers`\(`id`\)[^,\n]*\n/);
    expect(run.out).not.toMatch(/`FK_tags_customer`.*ALGORITHM=/);

    await withConnection(project.db, async (ds) => {
      const indexes = (await ds.query(`SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'orders'`)) as { name: string }[];
      expect(indexes.map((i) => i.name).sort()).toEqual(['FK_orders_customer', 'IDX_orders_note', 'PRIMARY']);
      const [note] = (await ds.query(`SELECT character_maximum_length AS len FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'note'`)) as { len: number }[];
      expect(Number(note!.len)).toBe(60);
      const [fk] = (await ds.query(`SELECT count(*) AS n FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE() AND constraint_name = 'FK_orders_customer'`)) as { n: number }[];
      expect(Number(fk!.n)).toBe(1);
      const [rows] = (await ds.query(`SELECT count(*) AS n, sum(flag) AS flagged FROM orders`)) as { n: number; flagged: number }[];
      expect(Number(rows!.n)).toBe(ROWS + run.written);
      expect(Number(rows!.flagged)).toBe(0);
    });
    // And back: the downgrade's ALTERs go online too, but narrowing the varchar copies the table.
    const down = await project.spawn('downgrade', '-1');
    expect(down.code).toBe(0);
    expect(warnings(down.stderr)).toEqual([
      expect.stringMatching(/^warning: revision bbbb00000002: online: ~ column orders\.note \(length\): the server runs this ALTER of orders neither INSTANT nor INPLACE with LOCK=NONE \(ALGORITHM=INPLACE is not supported\. Reason: Cannot change column type\. Try ALGORITHM=COPY\); ran with/),
    ]);
  });

  test('without online the same revision runs as written: no algorithm clause, no warning', async () => {
    const run = await upgradeUnderWrites(project);
    expect(run.code).toBe(0);
    expect(run.failures).toEqual([]);
    expect(run.out).toMatch(/ALTER TABLE `orders` ADD `flag` boolean NOT NULL DEFAULT false\n/);
    expect(run.out).not.toMatch(/ALGORITHM=/);
    expect(warnings(run.stderr)).toEqual([]);
  });

  test('a failure that is not a refused algorithm is not retried: a duplicate key fails the revision as before', async () => {
    project.writeRevision('cccc00000003', 'bbbb00000002', `await op.createIndex('orders', { name: 'UQ_orders_note', columnNames: ['flag'], isUnique: true });`, `await op.dropIndex('orders', 'UQ_orders_note');`, 'unique');
    project.writeConfig({ online: true });
    const result = await project.spawn('upgrade', 'head', '--verbose');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: Revision cccc00000003 .*Duplicate entry/m);
    // Refused INSTANT, then failed on the data in place: never sent again without the clause.
    const sent = result.stdout.split('\n').filter((l) => l.startsWith('query:') && l.includes('UQ_orders_note'));
    expect(sent).toHaveLength(2);
    expect(sent.filter((l) => !/ALGORITHM=/.test(l))).toEqual([]);
  });

  test('an op marked { online: true } (revision --autogenerate --online) asks for an online algorithm without the config; unmarked ops run as written', async () => {
    project.writeRevision(
      'cccc00000003',
      'bbbb00000002',
      `await op.addColumn('orders', { name: 'extra', type: 'integer', isNullable: true });\n` +
        `await op.createIndex('orders', { name: 'IDX_orders_extra', columnNames: ['extra'] }, { online: true });`,
      `await op.dropIndex('orders', 'IDX_orders_extra'); await op.dropColumn('orders', 'extra');`,
      'marked',
    );
    const result = await project.spawn('upgrade', 'head', '--verbose');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/query: CREATE INDEX `IDX_orders_extra` ON `orders` \(`extra`\) ALGORITHM=INPLACE LOCK=NONE\n/);
    expect(result.stdout).toMatch(/query: ALTER TABLE `orders` ADD `extra` [^,\n]*\n/);
    expect(result.stdout).not.toMatch(/ADD `extra` [^\n]*ALGORITHM/);
  });

  test('online must be true or false', async () => {
    project.writeConfig({ online: 'yes' });
    const result = await project.spawn('upgrade', 'head');
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('error: entity-migrate.config.json: "online" must be true or false, got "yes"');
  });
});

describe.each([
  ['postgres', createPostgresDatabase],
  ['sqlite', createSqliteDatabase],
])('online mode on %s (nothing of the MySQL part applies)', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'online-mysql');

  test('the revision runs with online: true, without a warning or an algorithm clause', async () => {
    project.writeRevision('aaaa00000001', null, CREATE, DROP, 'orders');
    project.writeRevision('bbbb00000002', 'aaaa00000001', ONLINE.split('\n').slice(2, 4).join('\n'), `await op.dropIndex('orders', 'IDX_orders_note'); await op.dropColumn('orders', 'flag');`, 'online');
    project.writeConfig({ online: true });
    const result = await project.spawn('upgrade', 'head', '--verbose');
    expect(result.stderr).not.toMatch(/^error:/m);
    expect(result.code).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/ALGORITHM=/);
    expect(warnings(result.stderr)).toEqual([]);
  });
});
