/**
 * Runtime, MariaDB: a connection killed mid-revision (`KILL CONNECTION`) gives one line naming the
 * revision, the op and the cause, not the failed ROLLBACK's words, and says that MySQL/MariaDB DDL
 * is not transactional, so the schema may hold part of the revision (issue 10, item 5).
 * In-process CLI.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createMysqlDatabase, tableNames, versionRows, withConnection } from './helpers/databases';
import { projectPerTest } from './helpers/project';
import { waitFor } from './helpers/wait-for';

const createTable = (name: string) => `await op.createTable({ name: '${name}', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });`;

describe('MariaDB', () => {
  const project = projectPerTest(() => createMysqlDatabase(), 'revision-errors');

  test('KILL CONNECTION mid-revision: the op, the cause, and what non-transactional DDL leaves behind', async () => {
    project.writeConfig();
    project.writeRevision('aaaa00000001', null, createTable('alpha'), `await op.dropTable('alpha');`, 'alpha');
    const marker = `em_sleeper_${randomBytes(4).toString('hex')}`;
    project.writeRevision('bbbb00000002', 'aaaa00000001', `${createTable('beta')}\n  await op.execute('SELECT SLEEP(300) AS ${marker}');`, `await op.dropTable('beta');`, 'slow');
    const running = project.cli('upgrade', 'head');
    await withConnection(project.db, async (ds) => {
      const sleeper = `SELECT id FROM information_schema.processlist WHERE info LIKE '%AS ${marker}%' AND id <> CONNECTION_ID()`;
      await waitFor('the revision to sleep', async () => (await ds.query(sleeper)).length > 0);
      const [{ id }] = (await ds.query(sleeper)) as { id: number }[];
      await ds.query(`KILL CONNECTION ${Number(id)}`);
    });
    const result = await running;
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('Now at');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toContain(`error: Revision bbbb00000002 (${join('migrations', 'versions', 'bbbb00000002_slow.ts')}) failed during upgrade in op.execute(): `);
    // The op's own cause comes first; the failed ROLLBACK's words only after "rollback failed".
    expect(line).toMatch(/in op\.execute\(\): Connection lost: The server closed the connection\.; SQL: SELECT SLEEP\(300\)/);
    expect(line).toMatch(/; rollback failed: .+; MySQL\/MariaDB DDL is not transactional: the database may hold part of it$/);
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
    // What the message warns of: the CREATE TABLE committed itself.
    expect(await tableNames(project.db)).toContain('beta');
  });
});
