/**
 * Runtime, MariaDB: `GET_LOCK` names are server-wide, so the migration lock's name includes the
 * database. Migrating database A (stopped mid-revision, holding its lock) does not hold up
 * database B on the same server, with the same version table name, while a second run on A still
 * waits for it (issue 10, item 10).
 */
import { createMigrator, type Migrator } from '../src';
import { createMysqlDatabase, withConnection, type TestDatabase } from './helpers/databases';
import { perTest } from './helpers/per-test';
import { TestProject } from './helpers/project';
import { whileStoppedAtGate, type Gate } from './helpers/gate';

describe('MariaDB: two databases on one server', () => {
  const project = perTest(async () => new TestProject(await createMysqlDatabase(), 'lock-scope'), (p) => p.cleanup());
  const second = perTest(() => createMysqlDatabase(), (db) => db.drop());

  test('a run holding the lock of database A does not make database B wait, only A', async () => {
    // The gate lets the test stop A's run inside its revision, holding its migration lock.
    project.writeRevision(
      'aaaa00000001',
      null,
      `await op.execute('SELECT id FROM gate');\n  await op.createTable({ name: 'item', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });`,
      `await op.dropTable('item');`,
      'items',
    );
    const databases: TestDatabase[] = [project.db, second];
    for (const db of databases) await withConnection(db, (ds) => ds.query('CREATE TABLE gate (id integer PRIMARY KEY)'));
    const [a, b]: Migrator[] = await Promise.all(databases.map((db) => createMigrator({ dataSource: db.options, cwd: project.dir, lockTimeout: 1000 })));
    try {
      const database = new URL(project.db.url).pathname.slice(1);
      const gate: Gate = {
        close: ['LOCK TABLES gate WRITE'],
        open: ['UNLOCK TABLES'],
        waiting: async (ds) => {
          const rows: { n: string | number }[] = await ds.query(
            `SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = ? AND state LIKE 'Waiting for table%' AND info LIKE '%gate%'`,
            [database],
          );
          return Number(rows[0]!.n) > 0;
        },
      };
      const outcome = await whileStoppedAtGate(project.db, gate, () => a.upgrade('head'), async () => {
        const upgradeB = await b.upgrade('head').catch((error: unknown) => error);
        // Within database A the lock still holds: another instance of A's app waits, then gives up.
        const sameDatabase = await createMigrator({ dataSource: project.db.options, cwd: project.dir, lockTimeout: 1000 });
        const upgradeA2 = await sameDatabase.upgrade('head').catch((error: unknown) => error).finally(() => sameDatabase.close());
        return { upgradeB, upgradeA2 };
      });
      // A lock named by the version table alone would make B wait for A (and time out).
      expect(outcome.meanwhile.upgradeB).toMatchObject({ heads: ['aaaa00000001'] });
      expect(outcome.meanwhile.upgradeA2).toMatchObject({ code: 'LOCK_TIMEOUT' });
      expect(outcome.run).toMatchObject({ heads: ['aaaa00000001'] });
      for (const migrator of [a, b]) expect((await migrator.current()).map((r) => r.id)).toEqual(['aaaa00000001']);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
