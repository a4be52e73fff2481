/**
 * Runtime: an app's boot, `createMigrator({ dataSource }).upgrade('head')` on an initialized
 * DataSource, when the database is already at head (issue 13 §2). It executes no revision module
 * (each boot is a fresh process of the built package, as an app's is), and it takes no migration
 * lock: it answers while another session holds the lock. Behind head it still waits for the lock,
 * since a run holding it may be mid-way, and applies each revision once. Needs PostgreSQL and SQLite.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { createMigrator } from '../src';
import { advisoryKey } from '../src/dialects/postgres/advisory-lock';
import { createPostgresDatabase, createSqliteDatabase, versionRows, withConnection } from './helpers/databases';
import { createTableOp, dropTableOp, projectPerTest, type TestProject } from './helpers/project';
import { installPackage } from './helpers/install-package';
import { ensureBuilt } from './helpers/spawn-cli';

beforeAll(() => ensureBuilt(), 120_000);

/** Two revisions whose modules append their id to `executed.txt` each time one is executed. */
function writeCountedChain(project: TestProject): void {
  writeFileSync(join(project.dir, 'executed.txt'), '');
  for (const [id, down, table] of [['aaaa00000001', null, 'alpha'], ['bbbb00000002', 'aaaa00000001', 'beta']] as const) {
    const file = project.writeRevision(id, down, createTableOp(table), dropTableOp(table), table);
    appendFileSync(file, `require('node:fs').appendFileSync(${JSON.stringify(join(project.dir, 'executed.txt'))}, '${id}\\n');\n`);
  }
}

const executed = (project: TestProject) => readFileSync(join(project.dir, 'executed.txt'), 'utf8').split('\n').filter(Boolean);

/**
 * One boot of an app in a new process: initialize its DataSource, then upgrade through the package
 * installed in its node_modules (`installPackage`; on the TypeORM 0.3 run, beside that TypeORM).
 * Returns the run's steps and heads.
 */
async function bootApp(project: TestProject): Promise<{ steps: number; heads: string[] }> {
  const script = `
    const { DataSource } = require('typeorm');
    const { createMigrator } = require('typeorm-entity-migrate');
    (async () => {
      const dataSource = new DataSource(${JSON.stringify(project.db.options)});
      await dataSource.initialize();
      const result = await (await createMigrator({ dataSource, cwd: ${JSON.stringify(project.dir)} })).upgrade('head');
      await dataSource.destroy();
      process.stdout.write(JSON.stringify({ steps: result.steps.length, heads: result.heads }));
    })().catch((error) => { console.error(error); process.exitCode = 1; });`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: project.dir, env: { ...process.env, ENTITY_MIGRATE_CACHE_DIR: join(project.dir, '.cache') } });
  return JSON.parse(stdout) as { steps: number; heads: string[] };
}

describe.each([
  ['PostgreSQL', createPostgresDatabase],
  ['SQLite', createSqliteDatabase],
])('%s: an app booting at head', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'start-at-head');

  test('executes no revision module', async () => {
    // An app of its own (a package.json of its own: the repository's would resolve our name to itself).
    project.write('package.json', JSON.stringify({ name: 'app', private: true }));
    installPackage(project.dir);
    writeCountedChain(project);
    expect(await bootApp(project)).toEqual({ steps: 2, heads: ['bbbb00000002'] });
    expect(executed(project)).toEqual(['aaaa00000001', 'bbbb00000002']);
    expect(await bootApp(project)).toEqual({ steps: 0, heads: ['bbbb00000002'] });
    expect(await bootApp(project)).toEqual({ steps: 0, heads: ['bbbb00000002'] });
    expect(executed(project)).toEqual(['aaaa00000001', 'bbbb00000002']);
  });
});

describe('PostgreSQL: the migration lock at boot', () => {
  const project = projectPerTest(createPostgresDatabase, 'start-at-head-lock');

  /** Run `fn` while another session holds the migration lock. */
  async function whileLockHeld<T>(fn: () => Promise<T>): Promise<T> {
    return withConnection(project.db, async (other) => {
      const holder = other.createQueryRunner();
      await holder.connect();
      try {
        await holder.query('SELECT pg_advisory_lock($1::bigint)', [advisoryKey('entity_migrate_version')]);
        return await fn();
      } finally {
        await holder.release();
      }
    });
  }

  async function withApp<T>(fn: (dataSource: DataSource) => Promise<T>): Promise<T> {
    const dataSource = new DataSource(project.db.options);
    await dataSource.initialize();
    try {
      return await fn(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }

  beforeEach(() => {
    project.writeRevision('aaaa00000001', null, createTableOp('alpha'), dropTableOp('alpha'), 'alpha');
    project.writeRevision('bbbb00000002', 'aaaa00000001', createTableOp('beta'), dropTableOp('beta'), 'beta');
  });

  test('at head, upgrade answers without the lock while another session holds it', async () => {
    await withApp(async (dataSource) => {
      await (await createMigrator({ dataSource, cwd: project.dir })).upgrade('head');
      const result = await whileLockHeld(async () => (await createMigrator({ dataSource, cwd: project.dir, lockTimeout: 300 })).upgrade('head'));
      expect(result).toEqual({ steps: [], from: ['bbbb00000002'], heads: ['bbbb00000002'] });
    });
  });

  test('behind head (a run holding the lock may be mid-way), upgrade waits for the lock, then applies each revision once', async () => {
    await withApp(async (dataSource) => {
      await (await createMigrator({ dataSource, cwd: project.dir })).upgrade('aaaa00000001');
      const migrator = await createMigrator({ dataSource, cwd: project.dir, lockTimeout: 300 });
      await whileLockHeld(() => expect(migrator.upgrade('head')).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' }));
      expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
      expect((await migrator.upgrade('head')).steps.map((s) => s.revision)).toEqual(['bbbb00000002']);
      expect(await versionRows(project.db)).toEqual(['bbbb00000002']);
    });
  });

  test('a version table naming a revision no file has is refused as before, naming it', async () => {
    await withApp(async (dataSource) => {
      await (await createMigrator({ dataSource, cwd: project.dir })).upgrade('head');
      await dataSource.query(`UPDATE entity_migrate_version SET version_num = 'ffff00000009'`);
      await expect((await createMigrator({ dataSource, cwd: project.dir })).upgrade('head')).rejects.toMatchObject({
        code: 'UNKNOWN_REVISION',
        message: expect.stringContaining('The database is at revision ffff00000009 (table entity_migrate_version)'),
      });
    });
  });
});
