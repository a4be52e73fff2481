/**
 * Runtime: an op a revision forgets to await (`op.addColumn(...)` without `await`) fails the
 * revision, naming it and the op, instead of committing around it or crashing on it later; nothing
 * of the op stays (issue 10, item 6). The built CLI in a child process, as a crash would show
 * there; needs PostgreSQL and SQLite.
 */
import { join } from 'node:path';
import { DIALECTS, versionRows, withConnection, type TestDatabase } from './helpers/databases';
import { projectPerTest } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';

beforeAll(() => ensureBuilt(), 120_000);

async function columnNames(db: TestDatabase, table: string): Promise<string[]> {
  return withConnection(db, async (ds) => {
    const sql =
      db.dialect === 'postgres'
        ? `SELECT column_name AS name FROM information_schema.columns WHERE table_name = '${table}'`
        : `SELECT name FROM pragma_table_info('${table}')`;
    const rows: { name: string }[] = await ds.query(sql);
    return rows.map((r) => r.name).sort();
  });
}

describe.each(Object.entries(DIALECTS))('an op not awaited on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'unawaited-op');

  test.each([
    ['an op that would succeed', 'alpha'],
    // Its failure comes after the revision returned, with nobody awaiting it: no unhandled-rejection crash.
    ['an op that fails', 'no_such_table'],
  ])('%s: fails the revision, names the op, and leaves the database at the revision before', async (_case, table) => {
    project.writeConfig();
    project.writeRevision('aaaa00000001', null, `await op.createTable({ name: 'alpha', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });`, `await op.dropTable('alpha');`, 'alpha');
    project.writeRevision('bbbb00000002', 'aaaa00000001', `op.addColumn('${table}', { name: 'extra', type: 'integer', isNullable: true });`, `await op.dropColumn('alpha', 'extra');`, 'forgot await');
    const result = await project.spawn('upgrade', 'head');
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('Now at');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`error: Revision bbbb00000002 (${join('migrations', 'versions', 'bbbb00000002_forgot_await.ts')}) failed during upgrade in op.addColumn(${table}): `);
    expect(lines[0]).toContain('not awaited');
    expect(lines[0]).toMatch(/; rolled back$/);
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
    expect(await columnNames(project.db, 'alpha')).toEqual(['id']);
  });
});
