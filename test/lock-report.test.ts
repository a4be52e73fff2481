/**
 * The lock report (issue 11 §3): `check`, `revision --autogenerate` and `upgrade --sql` say, per op,
 * the lock it takes on an existing table, whether the app's reads or writes wait meanwhile, the work
 * done under it and the table's size; an op that holds off writes while it scans, builds or
 * rewrites a table of `largeTableRows` or more is a warning, and `check --strict` fails on it.
 * A table `orders` of 500 rows, large from 100: widen a varchar, integer → bigint, index a column.
 * In-process CLI; PostgreSQL, SQLite and MariaDB (InnoDB's online DDL differs most).
 */
import { createMysqlDatabase, DIALECTS, withConnection, type TestDatabase } from './helpers/databases';
import { projectPerTest } from './helpers/project';

const ORDERS = `await op.createTable({ name: 'orders', columns: [
    { name: 'id', type: 'integer', isPrimary: true },
    { name: 'code', type: 'varchar', length: '20' },
    { name: 'qty', type: 'integer' },
  ] });`;

const ORDER_ENTITY = `
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('orders')
export class Order {
  @PrimaryColumn('integer')
  id!: number;

  @Index('IDX_orders_code')
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column('bigint')
  qty!: string;
}
`;

interface Expected {
  /** Lines check prints under the ops, in any order. */
  locks: string[];
  /** The ops named by a blocking warning. */
  warned: string[];
}

const EXPECTED: Record<string, Expected> = {
  postgres: {
    locks: [
      'orders: ACCESS EXCLUSIVE, blocks reads and writes for a catalog update (~500 rows,',
      'orders: ACCESS EXCLUSIVE, blocks reads and writes while it rewrites every row (~500 rows,',
      'orders: SHARE, blocks writes while it builds an index over every row (~500 rows,',
    ],
    warned: ['~ column orders.qty', '+ index IDX_orders_code'],
  },
  sqlite: {
    locks: [
      'orders: database write lock, blocks writes while it rewrites every row (~500 rows)',
      'orders: database write lock, blocks writes while it builds an index over every row (~500 rows)',
    ],
    warned: ['~ column orders.code', '~ column orders.qty', '+ index IDX_orders_code'],
  },
  mariadb: {
    locks: [
      'orders: ALGORITHM=INSTANT, reads and writes go on for a catalog update',
      'orders: ALGORITHM=COPY, LOCK=SHARED, blocks writes while it rewrites every row',
      'orders: ALGORITHM=INPLACE, LOCK=NONE, reads and writes go on while it builds an index over every row',
    ],
    warned: ['~ column orders.qty'],
  },
};

const databases: [string, () => Promise<TestDatabase>][] = [...Object.entries(DIALECTS), ['mariadb', () => createMysqlDatabase()]];

describe.each(databases)('lock report on %s', (name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'lock-report');
  const expected = EXPECTED[name];

  beforeEach(async () => {
    project.writeConfig({ entities: ['entities/*.ts'], largeTableRows: 100 });
    project.writeRevision('0a0a0a0a0a0a', null, ORDERS, `await op.dropTable('orders');`, 'orders');
    const up = await project.cli('upgrade', 'head');
    expect(up.stderr).toBe('');
    await withConnection(project.db, async (ds) => {
      const values = Array.from({ length: 500 }, (_, i) => `(${i + 1}, 'c${i}', ${i})`).join(', ');
      await ds.query(`INSERT INTO orders (id, code, qty) VALUES ${values}`);
      if (name === 'mariadb') await ds.query('ANALYZE TABLE orders');
    });
    project.write('entities/order.ts', ORDER_ENTITY);
  });

  test('check lists each op with its locks, warns on the blocking ones, and --strict fails on them', async () => {
    const check = await project.cli('check');
    expect(check.code).toBe(2);
    for (const line of expected.locks) expect(check.stdout).toContain(line);
    const warnings = check.stderr.split('\n').filter((l) => l.includes('blocking:'));
    expect(warnings).toHaveLength(expected.warned.length);
    expected.warned.forEach((op, i) => expect(warnings[i]).toContain(op));
    expect(warnings[0]).toContain('holds off');
    expect(warnings[0]).toContain('large from 100 rows');

    const strict = await project.cli('check', '--strict');
    expect(strict.code).toBe(1);
    // The warnings as check prints them, then one error line naming the first.
    const errors = strict.stderr.trim().split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toEqual([expect.stringContaining(expected.warned[0])]);

    const json = JSON.parse((await project.cli('check', '--json')).stdout) as { locks: { op: number; table: string; warning: boolean; size?: { rows: number } }[] };
    expect(json.locks.filter((l) => l.warning)).toHaveLength(expected.warned.length);
    expect(json.locks.every((l) => l.table === 'orders' && l.size !== undefined && l.size.rows > 0)).toBe(true);
  });

  test('under largeTableRows nothing warns, and --strict only reports the pending ops', async () => {
    project.writeConfig({ entities: ['entities/*.ts'], largeTableRows: 1000 });
    const strict = await project.cli('check', '--strict');
    expect(strict.stderr).not.toContain('blocking');
    expect(strict.code).toBe(2);
  });

  test('revision --autogenerate warns (and lists every lock with --verbose); upgrade --sql puts them above each op', async () => {
    const revision = await project.cli('revision', '--autogenerate', '-m', 'widen orders');
    expect(revision.code).toBe(0);
    expect(revision.stderr).not.toContain('lock:');
    expect(revision.stderr.split('\n').filter((l) => l.includes('blocking:'))).toHaveLength(expected.warned.length);
    project.remove(revision.stdout.trim());
    const verbose = await project.cli('revision', '--autogenerate', '-m', 'widen orders', '--verbose');
    for (const line of expected.locks) expect(verbose.stderr).toContain(line);

    expect(verbose.code).toBe(0);
    const generated = project.revisionFiles().find((f) => !f.startsWith('0a0a'))!.slice(0, 12);
    project.writeRevision('0c0c0c0c0c0c', generated, `await op.execute('UPDATE orders SET qty = qty + 1');`, '', 'bump');
    const script = await project.cli('upgrade', 'head', '--sql');
    expect(script.code).toBe(0);
    const lines = script.stdout.split('\n');
    const warningAt = lines.findIndex((l) => l.startsWith('-- WARNING blocking, lock: orders:'));
    expect(warningAt).toBeGreaterThan(-1);
    expect(lines[warningAt + 1]).toMatch(/^(--|ALTER|CREATE|INSERT|DROP|PRAGMA)/);
    expect(lines.filter((l) => l.startsWith('-- WARNING blocking'))).toHaveLength(expected.warned.length);
    expect(script.stdout).toContain('-- lock: raw SQL: what it locks is unknown');
    // The bookkeeping tables the script creates lock nothing anyone waits on.
    expect(script.stdout).not.toMatch(/lock: entity_migrate/);
  });
});
