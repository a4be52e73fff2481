/**
 * examples/monorepo: npm workspaces with the entities, data source and migrations in packages/db,
 * imports through tsconfig `paths` (`@acme/db/*`, declared in a root tsconfig.base.json that each
 * package extends), one .env at the repository root; the CLI run from the root with
 * `-c packages/db/entity-migrate.config.ts` and from packages/db.
 */
import { createPostgresDatabase, tableNames, versionRows, type TestDatabase } from '../helpers/databases';
import { ensureBuilt } from '../helpers/spawn-cli';
import { AppCopy, expectExit, printedRevision, query } from './app-copy';

jest.setTimeout(600_000);

const ENTITY_TABLES = ['address', 'category', 'customer', 'customer_order', 'order_line', 'product'];
const OUR_TABLES = ['entity_migrate_history', 'entity_migrate_version'];
const CONFIG = ['-c', 'packages/db/entity-migrate.config.ts'];
const IN_PACKAGE = { cwd: 'packages/db' };

describe('examples/monorepo', () => {
  let db: TestDatabase;
  let app: AppCopy;

  beforeAll(() => ensureBuilt());
  beforeEach(async () => {
    db = await createPostgresDatabase();
    // What `npm install` makes of the workspaces: node_modules/@acme/* link to the packages.
    app = new AppCopy('monorepo', { workspaces: { '@acme/db': 'packages/db', '@acme/api': 'apps/api' } });
    app.write('.env', `DATABASE_URL=${db.url}\n`);
  });
  afterEach(async () => {
    app.remove();
    await db.drop();
  });

  test('both packages type-check through the paths alias and the shared base config', async () => {
    expectExit(await app.tsc(['-p', 'packages/db', '--noEmit']), 0, 'tsc -p packages/db');
    expectExit(await app.tsc(['-p', 'apps/api', '--noEmit']), 0, 'tsc -p apps/api');
  });

  test('CLI from the root and from packages/db: autogenerate, upgrade, check, verify, edits with rows, down and up', async () => {
    const first = await app.cli([...CONFIG, 'revision', '--autogenerate', '-m', 'create shop tables']);
    expectExit(first, 0, 'revision --autogenerate from the root');
    // Printed relative to where the command ran; written beside the config.
    expect(printedRevision(first)).toMatch(/^packages\/db\/migrations\/versions\//);
    expect(app.revisionFiles('packages/db/migrations/versions')).toHaveLength(1);

    // A hand-written data revision that takes its rows from the db package through the alias.
    const seed = await app.cli(['revision', '-m', 'seed categories', '--template', 'seed', '--table', 'category'], IN_PACKAGE);
    expectExit(seed, 0, 'revision --template seed in packages/db');
    const seedFile = `packages/db/${printedRevision(seed)}`;
    app.edit(seedFile, /const rows(?:: [^=]+)? = \[[\s\S]*?\];/, `const rows = DEFAULT_CATEGORIES;`);
    app.edit(seedFile, `from 'typeorm-entity-migrate';`, `from 'typeorm-entity-migrate';\nimport { DEFAULT_CATEGORIES } from '@acme/db/seed/categories';`);

    expectExit(await app.cli(['upgrade', 'head'], IN_PACKAGE), 0, 'upgrade head in packages/db');
    expect(await query(db, `SELECT slug FROM category ORDER BY id`)).toEqual([{ slug: 'books' }, { slug: 'games' }]);
    expect(await tableNames(db)).toEqual([...ENTITY_TABLES, ...OUR_TABLES].sort());
    expectExit(await app.cli([...CONFIG, 'check']), 0, 'check from the root');
    expectExit(await app.cli(['check'], IN_PACKAGE), 0, 'check in packages/db');
    expectExit(await app.cli([...CONFIG, 'verify']), 0, 'verify from the root');

    await query(db, `INSERT INTO customer (email, name) VALUES ('kim@example.com', 'Kim Park'), ('lee@example.com', 'Lee Chan')`);
    await query(db, `INSERT INTO address ("customerId", street, city, postcode, country) VALUES (1, '1 Main St', 'Springfield', '12345', 'US')`);
    await query(db, `INSERT INTO product (sku, title, "priceCents", "categoryId") VALUES ('BK-1', 'Dune', 1299, 1), ('GM-7', 'Go board', 4500, 2)`);
    await query(db, `INSERT INTO customer_order ("customerId", status, "placedAt") VALUES (1, 'paid', '2026-11-28T10:00:00Z'), (2, 'pending', '2026-11-29T09:30:00Z')`);
    await query(db, `INSERT INTO order_line ("orderId", "productId", quantity, "unitPriceCents") VALUES (1, 1, 2, 1299), (1, 2, 1, 4500), (2, 1, 1, 1299)`);

    // Edits: rename a column, add one, widen a varchar, add an index and an enum value.
    const entity = (name: string) => `packages/db/src/entities/${name}.ts`;
    app.edit(entity('customer'), '  name: string;', '  fullName: string;');
    app.edit(entity('product'), `@Column({ type: 'varchar', length: 80 })`, `@Column({ type: 'varchar', length: 160 })`);
    app.edit(entity('order'), `  @Column({ type: 'timestamptz' })`, `  @Index('idx_customer_order_placed_at')\n  @Column({ type: 'timestamptz' })`);
    app.edit(entity('order'), 'import { Column, Entity,', 'import { Column, Entity, Index,');
    app.edit(entity('order'), `  Cancelled = 'cancelled',`, `  Cancelled = 'cancelled',\n  Refunded = 'refunded',`);
    app.edit(entity('order'), `  @OneToMany(() => OrderLine`, `  @Column({ type: 'text', nullable: true })\n  notes: string | null;\n\n  @OneToMany(() => OrderLine`);

    expectExit(await app.cli([...CONFIG, 'check']), 2, 'check with edited entities');
    const second = await app.cli(['revision', '--autogenerate', '-m', 'customer full name, order notes', '--rename', 'customer.name:fullName'], IN_PACKAGE);
    expectExit(second, 0, 'revision --autogenerate in packages/db');
    const source = app.read(`packages/db/${printedRevision(second)}`);
    const upgrade = source.slice(source.indexOf('function upgrade'), source.indexOf('function downgrade'));
    expect(upgrade).toContain(`op.renameColumn('customer', 'name', 'fullName')`);
    expect(upgrade).not.toContain('dropColumn');
    expectExit(await app.cli([...CONFIG, 'upgrade', 'head']), 0, 'upgrade head from the root');
    expectExit(await app.cli(['check'], IN_PACKAGE), 0, 'check in packages/db after the edits');

    expect(await query(db, `SELECT email, "fullName" FROM customer ORDER BY id`)).toEqual([
      { email: 'kim@example.com', fullName: 'Kim Park' },
      { email: 'lee@example.com', fullName: 'Lee Chan' },
    ]);
    expect(await query(db, `SELECT sku, title, "priceCents" FROM product ORDER BY id`)).toEqual([
      { sku: 'BK-1', title: 'Dune', priceCents: 1299 },
      { sku: 'GM-7', title: 'Go board', priceCents: 4500 },
    ]);
    expect(await query(db, `SELECT status, notes FROM customer_order ORDER BY id`)).toEqual([
      { status: 'paid', notes: null },
      { status: 'pending', notes: null },
    ]);
    expect(await query(db, `SELECT SUM(quantity * "unitPriceCents")::int AS total FROM order_line`)).toEqual([{ total: 1299 * 3 + 4500 }]);
    expect(await query(db, `SELECT city FROM address`)).toEqual([{ city: 'Springfield' }]);
    await query(db, `UPDATE customer_order SET status = 'refunded', notes = 'damaged in transit' WHERE id = 1`);
    await query(db, `UPDATE product SET title = $1 WHERE id = 2`, ['G'.repeat(160)]);
    expect(await query(db, `SELECT indexname FROM pg_indexes WHERE indexname = 'idx_customer_order_placed_at'`)).toHaveLength(1);
    await query(db, `UPDATE customer_order SET status = 'paid' WHERE id = 1`); // so 'refunded' can go again
    await query(db, `UPDATE product SET title = 'Go board' WHERE id = 2`);

    // Both places see the same version table.
    const here = await app.cli(['current'], IN_PACKAGE);
    const root = await app.cli([...CONFIG, 'current']);
    expect(here.stdout).toContain('(head)');
    expect(root.stdout).toBe(here.stdout);

    expectExit(await app.cli(['downgrade', 'base'], IN_PACKAGE), 0, 'downgrade base in packages/db');
    expect(await tableNames(db)).toEqual(OUR_TABLES);
    expect(await versionRows(db)).toEqual([]);
    expectExit(await app.cli([...CONFIG, 'upgrade', 'head']), 0, 'upgrade head from the root (again)');
    expectExit(await app.cli([...CONFIG, 'check']), 0, 'check at the end');
    expect(await query(db, `SELECT slug FROM category ORDER BY id`)).toEqual([{ slug: 'books' }, { slug: 'games' }]);
    expect(app.revisionFiles('packages/db/migrations/versions')).toHaveLength(3);
  });
});
