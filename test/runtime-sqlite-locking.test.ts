/**
 * Runtime, SQLite's locking as several writers meet it (issue 10): a lock row is judged by its
 * lease, not by whether its pid is visible from here (item 1); --lock-timeout bounds the whole
 * wait of a first run under another writer (item 8); several migrators in one process, each with its
 * own connection, wait for each other without freezing the process (item 9); a revision takes the write lock when its
 * transaction begins (BEGIN IMMEDIATE), not at its first write (item 13). In-process tests run on
 * the driver of the TypeORM line under test (better-sqlite3, or sqlite3 on 0.3.x); the CLI's on
 * better-sqlite3. Needs SQLite only.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { createMigrator } from '../src';
import { createSqliteDatabase, openDataSource, tableNames, versionRows } from './helpers/databases';
import { createTableOp, projectPerTest, type TestProject } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';
import { waitFor } from './helpers/wait-for';

jest.setTimeout(120_000);

beforeAll(() => ensureBuilt(), 120_000);

/** What a process gave, or undefined when it had not finished by `ms` (the test then fails on it). */
async function within<T>(ms: number, done: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Revision-body source: wait (up to two minutes) until `file` exists. */
const waitForFile = (file: string): string =>
  `const until = Date.now() + 120000;\n` +
  `    while (!require('node:fs').existsSync(${JSON.stringify(file)}) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));`;

/** Revision-body source: create `file`. */
const touch = (file: string): string => `require('node:fs').writeFileSync(${JSON.stringify(file)}, '');`;

/** A revision file whose upgrade gets the whole migration context (`outsideTransaction` too). */
function writeContextRevision(project: TestProject, id: string, down: string, upgrade: string): void {
  project.write(
    `migrations/versions/${id}_ctx.ts`,
    [
      `import type { MigrationContext } from 'typeorm-entity-migrate';`,
      `export const revision = '${id}';`,
      `export const downRevision = '${down}';`,
      `export const message = 'ctx';`,
      `export async function upgrade({ op, outsideTransaction }: MigrationContext): Promise<void> {`,
      `  ${upgrade}`,
      `}`,
      `export async function downgrade(): Promise<void> {}`,
      ``,
    ].join('\n'),
  );
}

describe('SQLite: a revision takes the write lock at BEGIN (item 13)', () => {
  const project = projectPerTest(createSqliteDatabase, 'sqlite-begin-immediate');

  test('another connection holding a write transaction stops the revision at BEGIN, before any of its ops, until it is gone', async () => {
    const paused = join(project.dir, 'paused');
    const go = join(project.dir, 'go');
    const ran = join(project.dir, 'ran');
    project.writeRevision('aaaa00000001', null, createTableOp('t'), `await op.dropTable('t');`, 't');
    // The revision steps out of its transaction and waits; its next transaction begins while the
    // test's connection holds a write transaction. Only then do its ops run.
    writeContextRevision(
      project,
      'bbbb00000002',
      'aaaa00000001',
      `await outsideTransaction(async () => {\n    ${touch(paused)}\n    ${waitForFile(go)}\n  });\n  ${touch(ran)}\n  await op.bulkInsert('t', [{ id: 1 }]);`,
    );
    // The migrator's own connection tells when a statement of it met the other writer, and which.
    const refused: string[] = [];
    const logger = { logQueryError: (_error: unknown, query: string) => void refused.push(query), logQuery() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {} };
    const other = await openDataSource(project.db);
    const migrator = await createMigrator({ dataSource: { ...project.db.options, logger } as DataSourceOptions, cwd: project.dir });
    try {
      const upgrade = migrator.upgrade('head').catch((error: unknown) => error);
      await waitFor('the revision to step out of its transaction', () => existsSync(paused));
      await other.query('BEGIN IMMEDIATE');
      try {
        await other.query('INSERT INTO t (id) VALUES (99)');
        project.write('go', '');
        await waitFor('the revision to meet the other writer', () => refused.length > 0 || existsSync(ran));
        // It met it at BEGIN: the code after it had not run, so no op met the other writer halfway.
        expect(refused[0]).toMatch(/^BEGIN IMMEDIATE/);
        expect(existsSync(ran)).toBe(false);
      } finally {
        await other.query('ROLLBACK');
      }
      // It waited at BEGIN, on timers (the test's ROLLBACK ran meanwhile), and went on once the other writer was gone.
      expect(await upgrade).toMatchObject({ heads: ['bbbb00000002'] });
      expect(await versionRows(project.db)).toEqual(['bbbb00000002']);
      expect(await other.query('SELECT id FROM t')).toEqual([{ id: 1 }]);
    } finally {
      await migrator.close();
      await other.destroy();
    }
  });
});

describe('SQLite: --lock-timeout bounds the wait of a first run under another writer (item 8)', () => {
  const project = projectPerTest(createSqliteDatabase, 'sqlite-first-run-writer');

  test('a fresh file write-locked by another connection: upgrade --lock-timeout 2 fails with the lock timeout, in time', async () => {
    project.writeConfig();
    project.writeRevision('aaaa00000001', null, createTableOp('t'), `await op.dropTable('t');`, 't');
    const other = await openDataSource(project.db);
    try {
      await other.query('BEGIN IMMEDIATE');
      const running = project.start(['upgrade', 'head', '--lock-timeout', '2']);
      // Generous for a loaded machine; the wait it bounds used to be 50 busy timeouts (minutes).
      const result = await within(60_000, running.done);
      if (!result) {
        running.child.kill('SIGKILL');
        throw new Error('upgrade --lock-timeout 2 was still waiting after 60 s');
      }
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/migration lock 'entity_migrate_version' was not free within 2 s .*; retry, or raise --lock-timeout/);
    } finally {
      await other.query('ROLLBACK');
      await other.destroy();
    }
    expect(await tableNames(project.db)).toEqual([]);
    expect((await project.spawn('upgrade', 'head', '--lock-timeout', '2')).code).toBe(0);
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
  });
});

describe('SQLite: several migrators in one process (item 9)', () => {
  const project = projectPerTest(createSqliteDatabase, 'sqlite-in-process');
  const MIGRATORS = 4;
  const REVISIONS = 8;
  const revId = (n: number) => `dddd${String(n).padStart(8, '0')}`;

  test(`${MIGRATORS} migrators, each with its own DataSource, upgrade head at once: all succeed, each revision applied once`, async () => {
    for (let n = 1; n <= REVISIONS; n++) {
      const create = n === 1 ? `await op.createTable({ name: 'counter', columns: [{ name: 'rev', type: 'varchar', length: '32' }] });\n  ` : '';
      // Each revision waits a little inside its transaction, so the others meet its write lock.
      const up = `${create}await op.bulkInsert('counter', [{ rev: '${revId(n)}' }]);\n  await new Promise((r) => setTimeout(r, 300));`;
      project.writeRevision(revId(n), n === 1 ? null : revId(n - 1), up, '', `step ${n}`);
    }
    const migrators = await Promise.all(
      Array.from({ length: MIGRATORS }, () => createMigrator({ dataSource: project.db.options, cwd: project.dir })),
    );
    try {
      const results = await Promise.all(migrators.map((m) => m.upgrade('head').catch((error: unknown) => error)));
      for (const result of results) expect(result).toMatchObject({ heads: [revId(REVISIONS)] });
      // One ran the chain; the others waited, then found nothing to do.
      const ran = results.map((r) => (r as { steps: unknown[] }).steps.length).sort();
      expect(ran).toEqual([...Array(MIGRATORS - 1).fill(0), REVISIONS]);
    } finally {
      await Promise.all(migrators.map((m) => m.close()));
    }
    const ids = Array.from({ length: REVISIONS }, (_, i) => revId(i + 1));
    const other = await openDataSource(project.db);
    try {
      expect((await other.query('SELECT rev FROM counter ORDER BY rev')).map((r: { rev: string }) => r.rev)).toEqual(ids);
      const history: { revision: string }[] = await other.query('SELECT revision FROM entity_migrate_history ORDER BY revision');
      expect(history.map((r) => r.revision)).toEqual(ids);
    } finally {
      await other.destroy();
    }
    expect(await versionRows(project.db)).toEqual([revId(REVISIONS)]);
  });

  test('a migrator that times out waiting for another in the same process does not blame another process', async () => {
    const inside = join(project.dir, 'inside');
    const go = join(project.dir, 'go');
    project.writeRevision(revId(1), null, `${touch(inside)}\n  ${waitForFile(go)}`, '', 'slow');
    const holder = await createMigrator({ dataSource: project.db.options, cwd: project.dir });
    const waiter = await createMigrator({ dataSource: project.db.options, cwd: project.dir, lockTimeout: 1000 });
    try {
      const holding = holder.upgrade('head');
      await waitFor('the first migrator inside its revision', () => existsSync(inside));
      const error = await waiter.upgrade('head').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'LOCK_TIMEOUT' });
      expect((error as Error).message).toMatch(/^The migration lock 'entity_migrate_version' was not free within 1 s \(another migration run holds it, maybe in this same process\)/);
      project.write('go', '');
      expect(await holding).toMatchObject({ heads: [revId(1)] });
    } finally {
      project.write('go', '');
      await Promise.all([holder.close(), waiter.close()]);
    }
  });
});

describe('SQLite: a lock row is live while its lease is (item 1)', () => {
  const project = projectPerTest(createSqliteDatabase, 'sqlite-lease');
  const LOCK_TABLE = '"entity_migrate_version_lock"';
  /** Another PID namespace than any real one (a container's, sharing the file and the hostname). */
  const OTHER_NAMESPACE = 'pid:[1]';

  /** A pid no process has on this host: the holder's, seen from another PID namespace. */
  function invisiblePid(): number {
    for (let pid = 2 ** 22 - 1; ; pid--) {
      try {
        process.kill(pid, 0);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ESRCH') return pid;
      }
    }
  }

  async function holdLockRow(owner: string, renewedAt: number): Promise<void> {
    const ds = await openDataSource(project.db);
    try {
      await ds.query(
        `CREATE TABLE ${LOCK_TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), owner TEXT NOT NULL, acquired_at TEXT NOT NULL, token TEXT, pid_namespace TEXT, renewed_at INTEGER)`,
      );
      await ds.query(`INSERT INTO ${LOCK_TABLE} VALUES (1, ?, ?, 'their-token', ?, ?)`, [owner, new Date(renewedAt).toISOString(), OTHER_NAMESPACE, renewedAt]);
    } finally {
      await ds.destroy();
    }
  }

  async function upgrade(lockTimeout: number): Promise<unknown> {
    const migrator = await createMigrator({ dataSource: project.db.options, cwd: project.dir, lockTimeout });
    try {
      return await migrator.upgrade('head').catch((error: unknown) => error);
    } finally {
      await migrator.close();
    }
  }

  beforeEach(() => project.writeRevision('aaaa00000001', null, createTableOp('t'), `await op.dropTable('t');`, 't'));

  test('a holder on this hostname whose pid is not visible here (another PID namespace) keeps a fresh lease', async () => {
    const owner = `${hostname()}:${invisiblePid()}`;
    await holdLockRow(owner, Date.now());
    expect(await upgrade(2000)).toMatchObject({ code: 'LOCK_TIMEOUT' });
    expect(await tableNames(project.db)).toEqual([]);
    const other = await openDataSource(project.db);
    try {
      expect(await other.query(`SELECT owner, token FROM ${LOCK_TABLE}`)).toEqual([{ owner, token: 'their-token' }]);
    } finally {
      await other.destroy();
    }
  });

  test('a holder whose lease expired is taken over, whatever its host', async () => {
    await holdLockRow(`another-container:${invisiblePid()}`, Date.now() - 10 * 60_000);
    expect(await upgrade(10_000)).toMatchObject({ heads: ['aaaa00000001'] });
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
    const other = await openDataSource(project.db);
    try {
      expect(await other.query(`SELECT owner FROM ${LOCK_TABLE}`)).toEqual([]);
    } finally {
      await other.destroy();
    }
  });

  test('the holder renews its lease while it runs', async () => {
    const paused = join(project.dir, 'paused');
    writeContextRevision(project, 'bbbb00000002', 'aaaa00000001', `await outsideTransaction(async () => {\n    ${touch(paused)}\n    ${waitForFile(join(project.dir, 'go'))}\n  });`);
    const migrator = await createMigrator({ dataSource: project.db.options, cwd: project.dir });
    const other = await openDataSource(project.db);
    try {
      const running = migrator.upgrade('head');
      await waitFor('the run to stop between transactions', () => existsSync(paused));
      const renewedAt = async () => Number((await other.query(`SELECT renewed_at FROM ${LOCK_TABLE}`))[0].renewed_at);
      const first = await renewedAt();
      await waitFor('the lease to be renewed', async () => (await renewedAt()) > first);
      project.write('go', '');
      expect(await running).toMatchObject({ heads: ['bbbb00000002'] });
    } finally {
      project.write('go', '');
      await migrator.close();
      await other.destroy();
    }
  });
});
