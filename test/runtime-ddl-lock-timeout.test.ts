/**
 * `ddlLockTimeout` / `ddlRetries` (issue 11 §1): a revision whose DDL cannot get its lock within
 * the timeout (an app transaction holds the table) rolls back instead of queueing in front of the
 * app's later queries, is tried again after a pause, and when the retries run out fails with one
 * line naming the table and the session holding it. The built CLI in a child process (the test
 * opens the app's transaction and ends it); PostgreSQL and MariaDB (SQLite has no lock timeout:
 * its own wait is `--lock-timeout`'s).
 */
import { DataSource } from 'typeorm';
import { createMysqlDatabase, createPostgresDatabase, versionRows, type TestDatabase } from './helpers/databases';
import { projectPerTest } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';
import { waitFor } from './helpers/wait-for';

beforeAll(() => ensureBuilt(), 120_000);

const ORDERS = `await op.createTable({ name: 'orders', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });`;
const ADD_NOTE = `await op.addColumn('orders', { name: 'note', type: 'varchar', length: '50', isNullable: true });`;

/** An app connection inside a transaction that has read `orders`: it holds a lock DDL on the table must wait for. */
async function openAppTransaction(db: TestDatabase): Promise<{ end(): Promise<void> }> {
  const ds = new DataSource(db.options);
  await ds.initialize();
  const runner = ds.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query('SELECT * FROM orders');
  return {
    async end() {
      await runner.commitTransaction().catch(() => undefined);
      await runner.release();
      await ds.destroy();
    },
  };
}

const databases: [string, () => Promise<TestDatabase>][] = [
  ['postgres', createPostgresDatabase],
  ['mariadb', () => createMysqlDatabase()],
];

describe.each(databases)('ddlLockTimeout on %s', (name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'ddl-lock-timeout');
  // MySQL's lock_wait_timeout counts whole seconds.
  const timeoutMs = name === 'postgres' ? 300 : 1000;
  // PostgreSQL names the holder's last query; MySQL/MariaDB, without performance_schema, the session
  // idle in its transaction.
  const holder = name === 'postgres' ? String.raw`pid \d+, idle in transaction for \d+ s: SELECT \* FROM orders` : String.raw`connection \d+, Sleep in a transaction for \d+ s`;

  beforeEach(async () => {
    project.writeRevision('aaaa00000001', null, ORDERS, `await op.dropTable('orders');`, 'orders');
    project.writeConfig();
    expect((await project.spawn('upgrade', 'head')).code).toBe(0);
    project.writeRevision('bbbb00000002', 'aaaa00000001', ADD_NOTE, `await op.dropColumn('orders', 'note');`, 'note');
  });

  test('retries run out: one warning per retry, then one error naming the table and the session holding it', async () => {
    project.writeConfig({ ddlLockTimeout: timeoutMs, ddlRetries: 1 });
    const app = await openAppTransaction(project.db);
    try {
      const result = await project.spawn('upgrade', 'head');
      expect(result.code).toBe(1);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(new RegExp(`^warning: revision bbbb00000002: the lock on orders was not granted within ${timeoutMs} ms \\(ddlLockTimeout\\); held by ${holder}; rolled back, trying again in 1 s \\(1/1\\)$`));
      expect(lines[1]).toMatch(new RegExp(`^error: Revision bbbb00000002 .*in op\\.addColumn\\(orders\\).*the lock on orders was not granted within ${timeoutMs} ms \\(ddlLockTimeout\\); held by ${holder}, after 2 tries`));
      expect(result.stdout).not.toContain('Now at');
    } finally {
      await app.end();
    }
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
  });

  test('the app transaction ends during the pause: the retry succeeds', async () => {
    project.writeConfig({ ddlLockTimeout: timeoutMs, ddlRetries: 3 });
    const app = await openAppTransaction(project.db);
    const running = project.start(['upgrade', 'head']);
    try {
      await waitFor('the first retry warning', () => running.stderr.includes('trying again'));
      // Another app query on the table, while the app transaction still holds it and the run keeps
      // retrying: it is answered (DDL waiting without a timeout would have queued it until the end).
      const reader = new DataSource(project.db.options);
      await reader.initialize();
      try {
        expect(await reader.query('SELECT count(*) AS n FROM orders')).toHaveLength(1);
      } finally {
        await reader.destroy();
      }
    } finally {
      await app.end();
    }
    const result = await running.done;
    expect(result.stderr).toContain('(1/3)');
    expect(result.stdout).toContain('Now at bbbb00000002');
    expect(result.code).toBe(0);
    expect(await versionRows(project.db)).toEqual(['bbbb00000002']);
  });
});

describe('ddlLockTimeout in a PostgreSQL script', () => {
  const project = projectPerTest(createPostgresDatabase, 'ddl-lock-timeout-sql');

  test('each transaction of upgrade --sql sets it LOCAL; 0 leaves it out', async () => {
    project.writeRevision('aaaa00000001', null, ORDERS, `await op.dropTable('orders');`, 'orders');
    project.writeConfig();
    const script = await project.cli('upgrade', 'head', '--sql');
    expect(script.stdout).toMatch(/BEGIN;\nSET LOCAL lock_timeout = '5000ms';\n/);
    project.writeConfig({ ddlLockTimeout: 0 });
    expect((await project.cli('upgrade', 'head', '--sql')).stdout).not.toContain('lock_timeout');
  });
});
