/**
 * The MariaDB server is shared: other suites' databases, and other apps', come and go while ours
 * run. Everything that reads "the schema" (our verify snapshot, autogenerate's table listing, the
 * test helpers' snapshots) must stay within its own database. A bystander database with tables
 * (one named like ours, one with a foreign key) changes in the middle of each test here.
 * Needs MariaDB.
 */
import { randomBytes } from 'node:crypto';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { compareSchema } from '../src/autogenerate';
import { diffSnapshots, schemaSnapshot as runtimeSnapshot } from '../src/runtime/schema-snapshot';
import { createMysqlDatabase, MYSQL_ADMIN_URL, withConnection } from './helpers/databases';
import { schemaSnapshot } from './helpers/schema-snapshot';
import { roundTrip, seededHarnessPerTest } from './helpers/ops-harness';

const bystander = `em_bystander_${process.pid}_${randomBytes(3).toString('hex')}`;
const admin: DataSourceOptions = { type: 'mariadb', url: MYSQL_ADMIN_URL };
let adminDs: DataSource;
let extraTables = 0;

/** A change in the bystander database: one more table. */
async function bystanderChanges(): Promise<void> {
  extraTables++;
  await adminDs.query(`CREATE TABLE \`${bystander}\`.\`extra_${extraTables}\` (id int PRIMARY KEY, label varchar(20) NULL)`);
}

beforeAll(async () => {
  adminDs = new DataSource(admin);
  await adminDs.initialize();
  await adminDs.query(`CREATE DATABASE \`${bystander}\``);
  await adminDs.query(`CREATE TABLE \`${bystander}\`.parent (id int PRIMARY KEY, email varchar(255) NOT NULL, score int NULL)`);
  await adminDs.query(
    `CREATE TABLE \`${bystander}\`.child (id int PRIMARY KEY, parent_id int NOT NULL, CONSTRAINT fk_bystander FOREIGN KEY (parent_id) REFERENCES \`${bystander}\`.parent (id))`,
  );
  await adminDs.query(`CREATE TABLE \`${bystander}\`.entity_migrate_version (version_num varchar(32) PRIMARY KEY)`);
});
afterAll(async () => {
  await adminDs.query(`DROP DATABASE IF EXISTS \`${bystander}\``);
  await adminDs.destroy();
});

describe('with a bystander database on the server', () => {
  const h = seededHarnessPerTest(() => createMysqlDatabase('mariadb'));

  test('op round trips compare only their own database', async () => {
    await roundTrip(h, { kind: 'addColumn', table: 'parent', column: { name: 'age', type: 'int', isNullable: true } }, bystanderChanges);
  });

  test("the test helpers' schema snapshot reads only its own database", async () => {
    const { db } = h;
    const before = await withConnection(db, schemaSnapshot);
    expect(Object.keys(before.tables).sort()).toEqual(['child', 'parent']);
    await bystanderChanges();
    expect(await withConnection(db, schemaSnapshot)).toEqual(before);
  });

  test("verify's schema snapshot reads only its own database", async () => {
    const ignored = ['entity_migrate_version', 'entity_migrate_history'];
    const before = await runtimeSnapshot(h.queryRunner, ignored);
    expect(before.tables.map((t) => t.name)).toEqual(['child', 'parent']);
    await bystanderChanges();
    expect(diffSnapshots(before, await runtimeSnapshot(h.queryRunner, ignored))).toEqual([]);
  });

  test('autogenerate neither drops nor reads tables of other databases', async () => {
    const { db } = h;
    const result = await withConnection(db, (ds) => compareSchema(ds));
    // No entities: our two tables are orphans to drop, the bystander's same-named ones are not.
    const dropped = result.ops.flatMap((op) => (op.kind === 'dropTable' && typeof op.table !== 'string' ? [op.table.name] : []));
    expect(dropped.sort()).toEqual(['child', 'parent']);
    expect(JSON.stringify(result.ops)).not.toContain(bystander);
  });
});
