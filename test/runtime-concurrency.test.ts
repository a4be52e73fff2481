/**
 * Runtime: many app instances at once, and a process killed mid-revision, with real processes of
 * the built CLI (`node bin/entity-migrate.js`): the migration lock makes every revision run exactly
 * once, a held lock times out with one line, and a crash leaves the database at the last good
 * revision with the lock free for the next run. Needs PostgreSQL and SQLite.
 */
import { existsSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { advisoryKey } from '../src/dialects/postgres/advisory-lock';
import { createPostgresDatabase, createSqliteDatabase, sqliteFile, tableNames, versionRows, withConnection, type TestDatabase } from './helpers/databases';
import { createTableOp as create, dropTableOp as drop, withProject, type CliResult, type TestProject } from './helpers/project';
import { ensureBuilt, type RunningCli } from './helpers/spawn-cli';
import { scaled, waitFor } from './helpers/wait-for';

// Eight processes and ten revisions on a loaded 2-core machine: waits are on conditions, with room.
jest.setTimeout(scaled(300_000));

beforeAll(() => ensureBuilt(), 120_000);

const PROCESSES = 8;
const REVISIONS = 10;
const revId = (n: number) => `c0ffee${String(n).padStart(6, '0')}`;
const HEAD = revId(REVISIONS);

/** Statements a test runs on its own connection while the CLI processes run. */
async function query<T = Record<string, unknown>>(db: TestDatabase, sql: string, params: unknown[] = []): Promise<T[]> {
  return withConnection(db, (ds) => ds.query(sql, params));
}

/**
 * REVISIONS revisions, each inserting its id into `counter` (no key: a revision applied twice would
 * leave two rows). The first one waits for the test's go-file, so every process is started and
 * waiting for the lock before anything commits; every third one is slow, every other one creates a
 * table (which a second run would fail on).
 */
function writeCountingChain(project: TestProject, slow: string): void {
  const wait =
    `const go = process.env.EM_TEST_GO_FILE; const until = Date.now() + 600000;\n` +
    `  while (go && !require('node:fs').existsSync(go) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));`;
  for (let n = 1; n <= REVISIONS; n++) {
    const id = revId(n);
    const up = [
      n === 1 ? `await op.createTable({ name: 'counter', columns: [{ name: 'rev', type: 'varchar', length: '32' }] });` : '',
      `await op.bulkInsert('counter', [{ rev: '${id}' }]);`,
      n === 1 ? wait : '',
      n % 3 === 0 ? slow : '',
      n % 2 === 0 ? `await op.createTable({ name: 't_${n}', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });` : '',
    ].filter(Boolean).join('\n  ');
    const down = [n % 2 === 0 ? `await op.dropTable('t_${n}');` : '', n === 1 ? `await op.dropTable('counter');` : `await op.bulkDelete('counter', [{ rev: '${id}' }]);`]
      .filter(Boolean)
      .join('\n  ');
    project.writeRevision(id, n === 1 ? null : revId(n - 1), up, down, `step ${n}`);
  }
}

/** Start PROCESSES `upgrade head` at once; release the first revision once `allWaiting` says so. */
async function upgradeFromEveryInstance(project: TestProject, allWaiting: (children: RunningCli[]) => Promise<boolean>): Promise<CliResult[]> {
  const go = join(project.dir, 'go');
  const children = Array.from({ length: PROCESSES }, () => project.start(['upgrade', 'head'], { EM_TEST_GO_FILE: go }));
  const exited = () => children.some((c) => c.child.exitCode !== null || c.child.signalCode !== null);
  try {
    await waitFor(`${PROCESSES} processes waiting for the migration lock`, async () => exited() || (await allWaiting(children)));
  } finally {
    writeFileSync(go, '');
  }
  return Promise.all(children.map((c) => c.done));
}

async function expectEachRevisionAppliedOnce(project: TestProject, results: CliResult[]): Promise<void> {
  for (const result of results) {
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  }
  // One process ran the chain; the others waited, re-read the version and found nothing to do.
  const runners = results.filter((r) => r.stdout.includes('Running upgrade'));
  expect(runners).toHaveLength(1);
  expect(runners[0]!.stdout.match(/^(\[\d+\/\d+, [^\]]+\] )?Running upgrade /gm)).toHaveLength(REVISIONS);
  expect(results.filter((r) => r.stdout.includes(`Nothing to upgrade: the database is at ${HEAD}`))).toHaveLength(PROCESSES - 1);

  const ids = Array.from({ length: REVISIONS }, (_, i) => revId(i + 1));
  const history = await query<{ revision: string; n: string | number }>(
    project.db,
    `SELECT revision, COUNT(*) AS n FROM entity_migrate_history WHERE direction = 'upgrade' GROUP BY revision ORDER BY revision`,
  );
  expect(history.map((r) => [r.revision, Number(r.n)])).toEqual(ids.map((id) => [id, 1]));
  const counter = await query<{ rev: string }>(project.db, 'SELECT rev FROM counter ORDER BY rev');
  expect(counter.map((r) => r.rev)).toEqual(ids);
  expect(await versionRows(project.db)).toEqual([HEAD]);
}

describe('8 processes run upgrade head at once', () => {
  test('PostgreSQL: every revision applied exactly once, final version = head', async () => {
    await withProject(await createPostgresDatabase(), 'concurrent-pg', async (project) => {
      project.writeConfig();
      writeCountingChain(project, `await op.execute('SELECT pg_sleep(0.05)');`);
      const database = new URL(project.db.url).pathname.slice(1);
      // The holder sits in revision 1; the other seven poll pg_try_advisory_lock.
      const results = await upgradeFromEveryInstance(project, async () => {
        const rows = await query<{ n: string }>(
          project.db,
          `SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND query ILIKE '%advisory_lock%'`,
          [database],
        );
        return Number(rows[0]!.n) >= PROCESSES - 1;
      });
      await expectEachRevisionAppliedOnce(project, results);
    });
  });

  test('SQLite: every revision applied exactly once, final version = head', async () => {
    await withProject(await createSqliteDatabase(), 'concurrent-sqlite', async (project) => {
      project.writeConfig();
      // A slow revision on SQLite: spin, holding the write transaction.
      writeCountingChain(project, 'const spinUntil = Date.now() + 50; while (Date.now() < spinUntil);');
      const file = sqliteFile(project.db);
      const results = await upgradeFromEveryInstance(project, async (children) => {
        // Every process has the database open (Linux: /proc); give the last one a moment to reach the lock.
        if (!existsSync('/proc/self/fd')) return new Promise((resolve) => setTimeout(() => resolve(true), 5000));
        if (!children.every((c) => hasFileOpen(c.child.pid!, file))) return false;
        await new Promise((resolve) => setTimeout(resolve, 500));
        return true;
      });
      await expectEachRevisionAppliedOnce(project, results);
    });
  });
});

function hasFileOpen(pid: number, file: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === file;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

describe('a lock held by someone else', () => {
  test('PostgreSQL: upgrade --lock-timeout 1 fails with one line and changes nothing', async () => {
    await withProject(await createPostgresDatabase(), 'lock-timeout-pg', async (project) => {
      project.writeConfig();
      writeCountingChain(project, '');
      await withConnection(project.db, async (ds) => {
        const holder = ds.createQueryRunner();
        await holder.connect();
        try {
          await holder.query('SELECT pg_advisory_lock($1::bigint)', [advisoryKey('entity_migrate_version')]);
          const result = await project.start(['upgrade', 'head', '--lock-timeout', '1']).done;
          expect(result.code).toBe(1);
          expect(result.stdout).toBe('');
          expect(result.stderr.trim().split('\n')).toHaveLength(1);
          expect(result.stderr).toMatch(/^error: The migration lock 'entity_migrate_version' was not free within 1 s \(another migration run holds it, maybe in this same process\); retry, or raise --lock-timeout\n$/);
          expect(await tableNames(project.db)).toEqual([]);
        } finally {
          await holder.release();
        }
      });
      // Released (its session ended): the next run goes through.
      expect((await project.start(['upgrade', 'head', '--lock-timeout', '1']).done).code).toBe(0);
      expect(await versionRows(project.db)).toEqual([HEAD]);
    });
  });

  test('SQLite: a lock row owned by a live process is not taken over', async () => {
    await withProject(await createSqliteDatabase(), 'lock-timeout-sqlite', async (project) => {
      project.writeConfig();
      writeCountingChain(project, '');
      const owner = `${hostname()}:${process.pid}`; // this jest worker: alive
      await withConnection(project.db, async (ds) => {
        await ds.query('CREATE TABLE "entity_migrate_version_lock" (id INTEGER PRIMARY KEY CHECK (id = 1), owner TEXT NOT NULL, acquired_at TEXT NOT NULL)');
        await ds.query(`INSERT INTO "entity_migrate_version_lock" VALUES (1, ?, ?)`, [owner, new Date().toISOString()]);
      });
      const result = await project.start(['upgrade', 'head', '--lock-timeout', '1']).done;
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain("The migration lock 'entity_migrate_version' was not free within 1 s");
      expect(await tableNames(project.db)).toEqual([]);
      const rows = await query<{ owner: string }>(project.db, 'SELECT owner FROM "entity_migrate_version_lock"');
      expect(rows).toEqual([{ owner }]);
    });
  });
});

describe('a process killed (SIGKILL) in the middle of a revision', () => {

  /** alpha → beta → gamma, gamma stopping after its CREATE TABLE with `pause`. */
  function writeKillableChain(project: TestProject, pause: string): void {
    project.writeRevision('aaaa00000001', null, create('alpha'), drop('alpha'), 'alpha');
    project.writeRevision('bbbb00000002', 'aaaa00000001', create('beta'), drop('beta'), 'beta');
    project.writeRevision('cccc00000003', 'bbbb00000002', `${create('gamma')}\n  ${pause}`, drop('gamma'), 'gamma slow');
  }

  /** The killed revision replaced by a fast one: new file name, same revision id. */
  function replaceSlowRevision(project: TestProject): void {
    project.remove('migrations/versions/cccc00000003_gamma_slow.ts');
    project.writeRevision('cccc00000003', 'bbbb00000002', create('gamma'), drop('gamma'), 'gamma fast');
  }

  async function kill(running: RunningCli): Promise<void> {
    running.child.kill('SIGKILL');
    const result = await running.done;
    expect(result.signal).toBe('SIGKILL');
    expect(result.stdout).toContain('Running upgrade aaaa00000001 -> bbbb00000002, beta');
    expect(result.stdout).not.toContain('cccc00000003');
  }

  async function expectAtLastGoodRevision(db: TestDatabase): Promise<void> {
    expect(await versionRows(db)).toEqual(['bbbb00000002']);
    expect(await tableNames(db)).toEqual(['alpha', 'beta', 'entity_migrate_history', 'entity_migrate_version']);
    const history = await query<{ revision: string }>(db, 'SELECT revision FROM entity_migrate_history ORDER BY applied_at');
    expect(history.map((r) => r.revision)).toEqual(['aaaa00000001', 'bbbb00000002']);
  }

  async function expectNextUpgradeCompletes(project: TestProject): Promise<void> {
    replaceSlowRevision(project);
    const next = await project.start(['upgrade', 'head', '--lock-timeout', '5']).done;
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('Running upgrade bbbb00000002 -> cccc00000003, gamma fast');
    // The lock was free (advisoryLockIsFree / the stale row taken over): asserted by condition, not by time.
    expect(await versionRows(project.db)).toEqual(['cccc00000003']);
    expect(await tableNames(project.db)).toContain('gamma');
  }

  async function pgBackends(db: TestDatabase, where: string): Promise<number[]> {
    const database = new URL(db.url).pathname.slice(1);
    const rows = await query<{ pid: number }>(
      db,
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND ${where}`,
      [database],
    );
    return rows.map((r) => r.pid);
  }

  async function advisoryLockIsFree(db: TestDatabase): Promise<boolean> {
    return withConnection(db, async (ds) => {
      const key = advisoryKey('entity_migrate_version');
      const [row] = await ds.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
      if (row.locked) await ds.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
      return row.locked === true;
    });
  }

  test('PostgreSQL, killed while the server runs a statement (pg_sleep)', async () => {
    await withProject(await createPostgresDatabase(), 'sigkill-pg', async (project) => {
      project.writeConfig();
      writeKillableChain(project, `await op.execute('SELECT pg_sleep(600)');`);
      const running = project.start(['upgrade', 'head']);
      // gamma's CREATE TABLE is uncommitted and invisible from here; the sleeping statement is not.
      await waitFor('the pg_sleep of revision gamma', async () => (await pgBackends(project.db, `state = 'active' AND query ILIKE '%pg_sleep(600)%'`)).length === 1);
      const [backend] = await pgBackends(project.db, `query ILIKE '%pg_sleep(600)%'`);
      await kill(running);
      await expectAtLastGoodRevision(project.db);
      // The lock's connection sets client_connection_check_interval, so the server notices the dead
      // client during pg_sleep (not only when the statement ends) and ends the backend, rolling back
      // its transaction and freeing the lock, with nobody terminating it. (Asking first whether the
      // backend still lives and then whether the lock is held raced with that very exit.)
      await waitFor('the killed backend to end by itself', async () => (await pgBackends(project.db, `pid = ${backend}`)).length === 0);
      expect(await advisoryLockIsFree(project.db)).toBe(true);
      await expectAtLastGoodRevision(project.db);
      await expectNextUpgradeCompletes(project);
    });
  });

  test('PostgreSQL, killed between statements: the session ends with the process, the lock is free at once', async () => {
    await withProject(await createPostgresDatabase(), 'sigkill-pg-idle', async (project) => {
      project.writeConfig();
      writeKillableChain(project, 'await new Promise((r) => setTimeout(r, 600000));');
      const running = project.start(['upgrade', 'head']);
      await waitFor(
        'revision gamma to be idle in its transaction',
        async () => (await pgBackends(project.db, `state = 'idle in transaction' AND query ILIKE '%CREATE TABLE%gamma%'`)).length === 1,
      );
      await kill(running);
      await waitFor('no session of the killed process', async () => (await pgBackends(project.db, `backend_type = 'client backend'`)).length === 0);
      expect(await advisoryLockIsFree(project.db)).toBe(true);
      await expectAtLastGoodRevision(project.db);
      await expectNextUpgradeCompletes(project);
    });
  });

  test('SQLite: the transaction rolls back and the stale lock row is taken over', async () => {
    await withProject(await createSqliteDatabase(), 'sigkill-sqlite', async (project) => {
      project.writeConfig();
      const marker = join(project.dir, 'in-gamma');
      writeKillableChain(
        project,
        `require('node:fs').writeFileSync(${JSON.stringify(marker)}, '');\n  await new Promise((r) => setTimeout(r, 600000));`,
      );
      const running = project.start(['upgrade', 'head']);
      await waitFor('revision gamma to start', () => existsSync(marker));
      const pid = running.child.pid;
      await kill(running);
      const lock = await query<{ owner: string }>(project.db, 'SELECT owner FROM "entity_migrate_version_lock"');
      expect(lock).toEqual([{ owner: `${hostname()}:${pid}` }]); // left behind by the killed process
      await expectAtLastGoodRevision(project.db);
      await expectNextUpgradeCompletes(project);
      expect(await query(project.db, 'SELECT owner FROM "entity_migrate_version_lock"')).toEqual([]);
    });
  });
});
