/**
 * The shop's life through the CLI, one describe per dialect (shop.test.ts, shop-mysql.test.ts):
 * init → revision --autogenerate → upgrade head → check → verify → rows in a dozen tables → the
 * entity edits a team makes in a sprint (a rename, a new column, a wider varchar, an index, an enum
 * value) → revision --autogenerate --rename → upgrade head (rows kept) → check → downgrade base →
 * upgrade head → check.
 */
import { join } from 'node:path';
import { withConnection, type TestDatabase } from '../helpers/databases';
import type { CliResult } from '../helpers/project';
import { ShopApp } from './shop-app';

type Dialect = TestDatabase['dialect'];
type Value = string | number | boolean | null;
type Row = Record<string, Value>;

/** A table of the shop: `inventory` tables live in that schema on PostgreSQL. */
interface TableRows {
  table: string;
  inventory?: boolean;
  /** Columns that identify a row, for ORDER BY. */
  key: string[];
  rows: Row[];
}

const C1 = '6f1c2b0e-0d4b-4c55-9a51-2f5e3b7a1c01';
const C2 = '0b6a9d5e-8f3e-4a57-b0d4-94c1d2e6f702';
const C3 = 'c2d9e8f1-5a6b-4c7d-8e9f-a0b1c2d3e403';
const STAFF = '9e8d7c6b-5a49-4838-a716-253443526104';
const PAYMENT = '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c05';
const AUDIT = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e006';

/** Rows a running shop has, as SQL literals go in (dates as text, decimals as numbers). */
function shopRows(dialect: Dialect): TableRows[] {
  const list = (values: string[]) => (dialect === 'postgres' ? `{${values.join(',')}}` : values.join(','));
  const address = (prefix: string, line1: string, city: string, postalCode: string, country: string): Row => ({
    [`${prefix}line1`]: line1,
    [`${prefix}line2`]: null,
    [`${prefix}city`]: city,
    [`${prefix}postal_code`]: postalCode,
    [`${prefix}country_code`]: country,
  });
  return [
    {
      table: 'customer',
      key: ['email'],
      rows: [
        { id: C1, email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace', phone: '+44 20 7946 0001', status: 'active', tags: list(['vip', 'newsletter']), marketing_opt_in: true, version: 1, ...address('billing_', '12 Analytical Row', 'London', 'NW1 6XE', 'GB') },
        { id: C3, email: 'edsger@example.com', first_name: 'Edsger', last_name: 'Dijkstra', phone: null, status: 'active', tags: list([]), marketing_opt_in: false, version: 1, ...address('billing_', 'Plantage 9', 'Amsterdam', '1018 AB', 'NL') },
        { id: C2, email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper', phone: '+1 202 555 0143', status: 'suspended', tags: list(['wholesale']), marketing_opt_in: false, version: 3, ...address('billing_', '1 Navy Yard', 'Arlington', '22202', 'US') },
      ],
    },
    { table: 'customer_group', key: ['id'], rows: [{ id: 1, name: 'Wholesale', discount_percent: 12.5 }] },
    { table: 'customer_group_member', key: ['group_id', 'customer_id'], rows: [{ group_id: 1, customer_id: C2 }] },
    {
      table: 'staff_user',
      key: ['id'],
      rows: [{ id: STAFF, email: 'ops@shop.example', display_name: 'Olive Ops', primary_role: 'admin', extra_roles: list(['support', 'warehouse']), active: true }],
    },
    {
      table: 'category',
      key: ['id'],
      rows: [
        { id: 1, name: 'Shoes', slug: 'shoes', parent_id: null },
        { id: 2, name: 'Running shoes', slug: 'running-shoes', parent_id: 1 },
      ],
    },
    {
      table: 'category_closure',
      key: ['id_ancestor', 'id_descendant'],
      rows: [
        { id_ancestor: 1, id_descendant: 1 },
        { id_ancestor: 1, id_descendant: 2 },
        { id_ancestor: 2, id_descendant: 2 },
      ],
    },
    { table: 'brand', key: ['id'], rows: [{ id: 1, name: 'Fleetfoot', website: 'https://fleetfoot.example' }] },
    { table: 'tag', key: ['id'], rows: [{ id: 1, name: 'running' }, { id: 2, name: 'vegan' }] },
    {
      table: 'product',
      key: ['id'],
      rows: [
        { id: 1, sku: 'FF-RUN-001', name: 'Fleetfoot Runner', slug: 'fleetfoot-runner', description: 'A light road shoe.', status: 'active', price_amount: 89.9, price_currency: 'EUR', brand_id: 1, category_id: 2, version: 1 },
        { id: 2, sku: 'FF-TRL-002', name: 'Fleetfoot Trail Master', slug: 'fleetfoot-trail-master', description: null, status: 'draft', price_amount: 129, price_currency: 'EUR', brand_id: 1, category_id: 2, version: 2 },
      ],
    },
    { table: 'product_tag', key: ['product_id', 'tag_id'], rows: [{ product_id: 1, tag_id: 1 }, { product_id: 1, tag_id: 2 }, { product_id: 2, tag_id: 1 }] },
    {
      table: 'product_variant',
      key: ['id'],
      rows: [
        { id: 1, product_id: 1, sku: 'FF-RUN-001-42', title: 'EU 42', price_override: null, weight_grams: 310, is_active: true },
        { id: 2, product_id: 1, sku: 'FF-RUN-001-43', title: 'EU 43', price_override: 92.5, weight_grams: 320, is_active: true },
      ],
    },
    {
      table: 'orders',
      key: ['id'],
      rows: [
        { id: 1, number: 'SO-2026-0001', customer_id: C1, status: 'paid', subtotal: 182.4, total: 182.4, currency: 'EUR', placed_at: '2026-11-20 09:30:00', notes: 'Leave at the door', version: 2, ...address('ship_to_', '12 Analytical Row', 'London', 'NW1 6XE', 'GB') },
        { id: 2, number: 'SO-2026-0002', customer_id: C2, status: 'pending', subtotal: 89.9, total: 89.9, currency: 'EUR', placed_at: '2026-11-28 17:05:00', notes: null, version: 1, ...address('ship_to_', '1 Navy Yard', 'Arlington', '22202', 'US') },
      ],
    },
    {
      table: 'order_item',
      key: ['id'],
      rows: [
        { id: 1, order_id: 1, variant_id: 1, product_name: 'Fleetfoot Runner', quantity: 1, unit_price: 89.9, discount: 0 },
        { id: 2, order_id: 1, variant_id: 2, product_name: 'Fleetfoot Runner', quantity: 1, unit_price: 92.5, discount: 0 },
        { id: 3, order_id: 2, variant_id: 1, product_name: 'Fleetfoot Runner', quantity: 1, unit_price: 89.9, discount: 0 },
      ],
    },
    {
      table: 'order_status_change',
      key: ['id'],
      rows: [{ id: 1, order_id: 1, from_status: 'pending', to_status: 'paid', changed_by_id: STAFF, note: 'Card captured' }],
    },
    {
      table: 'payment',
      key: ['id'],
      rows: [{ id: PAYMENT, order_id: 1, method: 'card', amount_amount: 182.4, amount_currency: 'EUR', status: 'captured', captured_at: '2026-11-20 09:31:00', card_brand: 'visa', card_last4: '4242', authorization_code: 'A1B2C3' }],
    },
    {
      table: 'warehouse',
      inventory: true,
      key: ['id'],
      rows: [{ id: 1, code: 'LON-1', name: 'London DC', active: true, ...address('address_', '5 Dock Road', 'London', 'E16 1AA', 'GB') }],
    },
    {
      table: 'stock_level',
      inventory: true,
      key: ['warehouse_id', 'variant_id'],
      rows: [
        { warehouse_id: 1, variant_id: 1, on_hand: 40, reserved: 2, reorder_point: 10, version: 1 },
        { warehouse_id: 1, variant_id: 2, on_hand: 12, reserved: 0, reorder_point: null, version: 4 },
      ],
    },
    {
      table: 'shipping_zone',
      key: ['id'],
      rows: [
        { id: 1, code: 'world', name: 'World', parent_id: null, mpath: '1.' },
        { id: 2, code: 'eu', name: 'European Union', parent_id: 1, mpath: '1.2.' },
      ],
    },
    { table: 'tax_rate', key: ['id'], rows: [{ id: 1, zone_id: 2, name: 'Standard VAT', rate: 0.2 }] },
    {
      table: 'menu_item',
      key: ['id'],
      rows: [
        { id: 1, title: 'Shop', url: '/shop', nsleft: 1, nsright: 4, parent_id: null },
        { id: 2, title: 'Shoes', url: '/shop/shoes', nsleft: 2, nsright: 3, parent_id: 1 },
      ],
    },
    { table: 'page', key: ['id'], rows: [{ id: 1, slug: 'about', title: 'About us', body: 'Shoes since 2026.', published_at: '2026-10-01 00:00:00' }] },
    {
      table: 'review',
      key: ['id'],
      rows: [{ id: 1, product_id: 1, customer_id: C1, rating: 5, title: 'Light and fast', body: 'My best 10k in these.', approved: true }],
    },
    {
      table: 'audit_log',
      key: ['id'],
      rows: [{ id: AUDIT, actor_id: STAFF, entity_type: 'order', entity_id: '1', action: 'update', changes: '{"status":["pending","paid"]}' }],
    },
  ];
}

// ── SQL ─────────────────────────────────────────────────────────────────────────────────────────

function quote(dialect: Dialect, name: string): string {
  return dialect === 'mysql' ? `\`${name}\`` : `"${name}"`;
}

function tableRef(dialect: Dialect, t: TableRows): string {
  const name = quote(dialect, t.table);
  return t.inventory && dialect === 'postgres' ? `${quote(dialect, 'inventory')}.${name}` : name;
}

function literal(value: Value): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/** PostgreSQL wants TRUE/FALSE for booleans; the others take 1/0. */
function sqlValue(dialect: Dialect, value: Value): string {
  if (typeof value === 'boolean' && dialect === 'postgres') return value ? 'TRUE' : 'FALSE';
  return literal(value);
}

async function insertRows(db: TestDatabase, tables: TableRows[]): Promise<void> {
  await withConnection(db, async (ds) => {
    for (const t of tables) {
      for (const row of t.rows) {
        const columns = Object.keys(row);
        await ds.query(
          `INSERT INTO ${tableRef(db.dialect, t)} (${columns.map((c) => quote(db.dialect, c)).join(', ')}) ` +
            `VALUES (${columns.map((c) => sqlValue(db.dialect, row[c]!)).join(', ')})`,
        );
      }
    }
  });
}

/** Make driver values comparable with what went in: decimals, 0/1 booleans, dates as text. */
function comparable(expected: Value, actual: unknown): Value {
  if (actual === null || actual === undefined) return null;
  if (typeof expected === 'number') return Number(actual);
  if (typeof expected === 'boolean') return Boolean(Number(actual === true ? 1 : actual === false ? 0 : actual));
  if (actual instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${actual.getFullYear()}-${pad(actual.getMonth() + 1)}-${pad(actual.getDate())} ${pad(actual.getHours())}:${pad(actual.getMinutes())}:${pad(actual.getSeconds())}`;
  }
  if (typeof actual === 'object') return JSON.stringify(actual); // jsonb
  const text = String(actual);
  // SQLite keeps the text it was given; the others print datetimes back with fractions.
  return typeof expected === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(expected) ? text.replace(/\.0+$/, '').slice(0, 19) : text;
}

/** Every row of every table, read back by the columns given, in key order. */
async function expectRows(db: TestDatabase, tables: TableRows[]): Promise<void> {
  await withConnection(db, async (ds) => {
    for (const t of tables) {
      const columns = [...new Set(t.rows.flatMap((r) => Object.keys(r)))];
      const q = (c: string) => quote(db.dialect, c);
      const actual: Record<string, unknown>[] = await ds.query(
        `SELECT ${columns.map(q).join(', ')} FROM ${tableRef(db.dialect, t)} ORDER BY ${t.key.map(q).join(', ')}`,
      );
      // Each value made comparable by the type of the value expected in its place (any row's).
      const typeOf = (c: string, i: number) => t.rows[i]?.[c] ?? t.rows.find((r) => r[c] !== null && r[c] !== undefined)?.[c] ?? null;
      const shape = (rows: Record<string, unknown>[]) =>
        rows.map((r, i) => Object.fromEntries(columns.map((c) => [c, comparable(typeOf(c, i), r[c])])));
      const expected = t.rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])));
      expect({ table: t.table, rows: shape(actual) }).toEqual({ table: t.table, rows: expected });
    }
  });
}

async function countRows(db: TestDatabase, t: Pick<TableRows, 'table' | 'inventory'>): Promise<number> {
  return withConnection(db, async (ds) => {
    const [row] = await ds.query(`SELECT COUNT(*) AS n FROM ${tableRef(db.dialect, { ...t, key: [], rows: [] })}`);
    return Number(row.n);
  });
}

// ── The edits ───────────────────────────────────────────────────────────────────────────────────

/** What a sprint changes in the entity files, as exact text edits of the copy. */
function editEntities(app: ShopApp): void {
  const entities = join('src', 'entities');
  // Rename customer.phone → phone_number (the property too, as a developer would).
  // Add customer.locale, NOT NULL with a default.
  app.edit(join(entities, 'customers', 'customer.entity.ts'), [
    ["  @Column({ type: 'varchar', length: 32, nullable: true })\n  phone!: string | null;", "  @Column({ type: 'varchar', length: 32, nullable: true })\n  phoneNumber!: string | null;\n\n  @Column({ length: 10, default: 'en' })\n  locale!: string;"],
  ]);
  // Widen product.name 120 → 200, add a nullable column and a named index on the name.
  app.edit(join(entities, 'catalog', 'product.entity.ts'), [
    ["@Index(['status', 'category'])\n", "@Index(['status', 'category'])\n@Index('idx_product_name', ['name'])\n"],
    ["  @Column({ length: 120 })\n  name!: string;", "  @Column({ length: 200 })\n  name!: string;\n\n  @Column({ type: 'varchar', length: 2, nullable: true })\n  countryOfOrigin!: string | null;"],
  ]);
  // A new order status: used by two enum columns on PostgreSQL (orders.status and the shared
  // order_status type of order_status_change), the CHECK of both tables on SQLite.
  app.edit(join(entities, 'common', 'enums.ts'), [["  Paid = 'paid',\n", "  Paid = 'paid',\n  OnHold = 'on_hold',\n"]]);
}

// ── The scenario ────────────────────────────────────────────────────────────────────────────────

export interface ShopScenarioOptions {
  /** Per-step timeout: MariaDB DDL is slow, the box is shared. */
  timeout: number;
}

export function describeShop(title: string, createDatabase: () => Promise<TestDatabase>, options: ShopScenarioOptions): void {
  describe(title, () => {
    let app: ShopApp;
    let dialect: Dialect;
    let rows: TableRows[];
    /** Steps build on each other: after a failure the rest only says so. */
    let broken: string | undefined;

    beforeAll(async () => {
      app = new ShopApp(await createDatabase());
      dialect = app.db.dialect;
      rows = shopRows(dialect);
    }, options.timeout);
    afterAll(async () => {
      await app?.cleanup();
    }, options.timeout);

    /** Run the CLI; fail with its output when the exit code is not the expected one. */
    async function run(expected: number, ...args: string[]): Promise<CliResult> {
      const result = await app.cli(...args);
      if (result.code !== expected) {
        throw new Error(`entity-migrate ${args.join(' ')} exited ${result.code} (expected ${expected})\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
      }
      return result;
    }

    const step = (name: string, fn: () => Promise<void>) =>
      test(
        name,
        async () => {
          if (broken) throw new Error(`skipped: "${broken}" failed`);
          try {
            await fn();
          } catch (error) {
            broken = name;
            throw error;
          }
        },
        options.timeout,
      );

    step('the installed CLI runs on the TypeORM the app has', async () => {
      // CI's second step runs this on TypeORM 0.3 (and the sqlite3 driver on SQLite): the CLI must too.
      expect(app.typeormVersionOfCli()).toMatch(process.env.EM_TYPEORM_COMPAT_DIR ? /^0\.3\./ : /^1\./);
    });

    step('init writes a config that points at the data source', async () => {
      const init = await run(0, 'init', '--data-source', './src/data-source.ts');
      expect(init.stdout).toContain('Created entity-migrate.config.ts');
      expect(app.read('entity-migrate.config.ts')).toContain("'./src/data-source.ts'");
    });

    step('revision --autogenerate creates every table, upgrade head applies it, check is clean', async () => {
      const revision = await run(0, 'revision', '--autogenerate', '-m', 'init');
      expect(revision.stderr).not.toContain('destructive');
      const source = app.read(revision.stdout.trim());
      for (const table of ['customer', 'orders', 'payment', 'category_closure', 'product_tag', 'customer_group_member', 'menu_item', 'audit_log']) {
        expect(source).toContain(`    name: '${table}',`);
      }
      expect(source).toContain("await op.createView({ name: 'customer_order_summary'");
      if (dialect === 'postgres') {
        expect(source).toContain("await op.createSchema('inventory');");
        expect(source).toContain("    name: 'inventory.stock_level',");
      }
      expect(source).not.toContain('DESTRUCTIVE');

      const up = await run(0, 'upgrade', 'head');
      expect(up.stdout).toContain('Running upgrade <base> -> ');
      const check = await run(0, 'check');
      expect(check.stdout).toContain('No changes detected');
    });

    step('verify runs the chain up, down and up on a scratch database', async () => {
      const verify = await run(0, 'verify');
      expect(verify.stdout).toContain('Verified 1 revision(s)');
    });

    step('the schema takes a running shop\'s rows', async () => {
      await insertRows(app.db, rows);
      await expectRows(app.db, rows);
      const summary = await withConnection(app.db, (ds) =>
        ds.query(`SELECT ${quote(dialect, 'email')}, ${quote(dialect, 'order_count')} FROM ${quote(dialect, 'customer_order_summary')} ORDER BY ${quote(dialect, 'email')}`),
      );
      expect(summary.map((r: Record<string, unknown>) => [r.email, Number(r.order_count)])).toEqual([
        ['ada@example.com', 1],
        ['edsger@example.com', 0],
        ['grace@example.com', 1],
      ]);
    });

    step('edited entities: autogenerate renames, adds, widens, indexes and adds the enum value without dropping anything', async () => {
      editEntities(app);
      const revision = await run(0, 'revision', '--autogenerate', '-m', 'sprint 12', '--rename', 'customer.phone:phone_number');
      const file = revision.stdout.trim();
      const source = app.read(file);
      try {
        expect(source).toContain("await op.renameColumn('customer', 'phone', 'phone_number');");
        expect(source).toContain("await op.renameColumn('customer', 'phone_number', 'phone');");
        expect(source).not.toMatch(/dropColumn\('customer', \{ name: 'phone'/);
        expect(source).not.toMatch(/dropColumn\('customer', 'phone'/);
        expect(source).toMatch(/await op\.addColumn\('customer', \{ name: 'locale', type: '[\w ]+', default: "'en'", length: '10', isNullable: false \}\);/);
        expect(source).toMatch(/await op\.addColumn\('product', \{ name: 'country_of_origin',/);
        expect(source).toMatch(/await op\.alterColumn\('product', 'name', \{ length: '200' \}/);
        expect(source).toContain("await op.createIndex('product', { name: 'idx_product_name', columnNames: ['name'] });");
        expect(source).toContain('on_hold');
        expect(source).not.toContain('DESTRUCTIVE');
        expect(source).not.toMatch(/dropTable\(/);
        expect(revision.stderr).not.toContain('destructive');
      } catch (error) {
        throw new Error(`${(error as Error).message}\n\n── ${file} ──\n${source}\nstderr:\n${revision.stderr}`);
      }
      expect(app.revisionFiles()).toHaveLength(2);
    });

    step('upgrade head keeps every row, the renamed column\'s values included; check and verify pass', async () => {
      const up = await run(0, 'upgrade', 'head');
      expect(up.stdout).toContain('sprint 12');
      const customers = rows.find((t) => t.table === 'customer')!;
      for (const row of customers.rows) {
        row.phone_number = row.phone!;
        delete row.phone;
        row.locale = 'en';
      }
      for (const row of rows.find((t) => t.table === 'product')!.rows) row.country_of_origin = null;
      await expectRows(app.db, rows);

      // The new enum value and the wider name are usable.
      await withConnection(app.db, async (ds) => {
        const q = (name: string) => quote(dialect, name);
        await ds.query(`UPDATE ${q('orders')} SET ${q('status')} = 'on_hold' WHERE ${q('id')} = 2`);
        await ds.query(`UPDATE ${q('product')} SET ${q('name')} = '${'Fleetfoot Trail Master '.repeat(8).trim()}' WHERE ${q('id')} = 2`);
      });
      const check = await run(0, 'check');
      expect(check.stdout).toContain('No changes detected');
      const verify = await run(0, 'verify');
      expect(verify.stdout).toContain('Verified 2 revision(s)');
    });

    step('downgrade base removes everything, upgrade head rebuilds it, check is clean', async () => {
      const q = (name: string) => quote(dialect, name);
      if (dialect === 'postgres') {
        // A product name longer than the old varchar(120): the downgrade refuses to cut it, and
        // rolls back as a whole (DDL is transactional here).
        const refused = await run(1, 'downgrade', 'base');
        expect(refused.stderr).toContain('value too long for type character varying(120)');
        const [{ n }] = await withConnection(app.db, (ds) => ds.query(`SELECT length(${q('name')}) AS n FROM ${q('product')} WHERE ${q('id')} = 2`));
        expect(Number(n)).toBeGreaterThan(120);
      }
      // What a team does before going back: data that only the new schema can hold is put back.
      await withConnection(app.db, async (ds) => {
        await ds.query(`UPDATE ${q('orders')} SET ${q('status')} = 'pending' WHERE ${q('status')} = 'on_hold'`);
        await ds.query(`UPDATE ${q('product')} SET ${q('name')} = 'Fleetfoot Trail Master' WHERE ${q('id')} = 2`);
      });
      const down = await run(0, 'downgrade', 'base');
      expect(down.stdout.match(/Running downgrade/g)).toHaveLength(2);
      await expect(countRows(app.db, { table: 'customer' })).rejects.toThrow();
      const up = await run(0, 'upgrade', 'head');
      expect(up.stdout.match(/Running upgrade/g)).toHaveLength(2);
      expect(await countRows(app.db, { table: 'stock_level', inventory: true })).toBe(0);
      const check = await run(0, 'check');
      expect(check.stdout).toContain('No changes detected');
      expect((await run(0, 'current')).stdout.trim()).toMatch(/^[0-9a-f]{12} \(head\)$/);
    });
  });
}
