/**
 * Runtime, SQLite's locking as several writers meet it (issue 10): --lock-timeout bounds the whole
 * wait of a first run under another writer (item 8); a revision takes the write lock when its
 * transaction begins (BEGIN IMMEDIATE), not at its first write (item 13). In-process tests run on
 * the driver of the TypeORM line under test (better-sqlite3, or sqlite3 on 0.3.x); the CLI's on
 * better-sqlite3. Needs SQLite only.
 */
import { existsSync } from 'node:fs';
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

  test('another connection holding a write transaction stops the revision at BEGIN, before any of its ops', async () => {
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
    const migrator = await createMigrator({ dataSource: { ...project.db.options, logger } as DataSourceOptions, cwd: project.dir, lockTimeout: 3000 });
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
      await upgrade;
      // The other writer gone, the revision is (or, run again, gets) applied, once.
      expect((await migrator.upgrade('head')).heads).toEqual(['bbbb00000002']);
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
      expect(result.stderr).toMatch(/migration lock 'entity_migrate_version' for more than 2 s; retry, or raise --lock-timeout/);
    } finally {
      await other.query('ROLLBACK');
      await other.destroy();
    }
    expect(await tableNames(project.db)).toEqual([]);
    expect((await project.spawn('upgrade', 'head', '--lock-timeout', '2')).code).toBe(0);
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
  });
});
