/**
 * An enum type shared by two columns (one `enumName`) survives dropping one of them, and goes
 * with the last; the downgrades bring columns and type back.
 */
import { createPostgresDatabase, withConnection } from './helpers/databases';
import { TestProject } from './helpers/project';

const typeExists = (project: TestProject) =>
  withConnection(project.db, async (ds) => (await ds.query(`SELECT 1 FROM pg_type WHERE typname = 'shared_status'`)).length === 1);

test('dropping columns that share an enum type', async () => {
  const project = new TestProject(await createPostgresDatabase());
  try {
    project.writeConfig({ entities: [] });
    const status = `{ name: 'status', type: 'enum', enum: ['draft', 'live'], enumName: 'shared_status', isNullable: true }`;
    project.writeRevision(
      'aaaa00000001',
      null,
      `await op.createTable({ name: 'a', columns: [{ name: 'id', type: 'integer', isPrimary: true }, ${status}] });
  await op.createTable({ name: 'b', columns: [{ name: 'id', type: 'integer', isPrimary: true }, ${status}] });`,
      `await op.dropTable('b');\n  await op.dropTable('a');`,
      'tables',
    );
    project.writeRevision('bbbb00000002', 'aaaa00000001', `await op.dropColumn('a', ${status});`, `await op.addColumn('a', ${status});`, 'drop a.status');
    project.writeRevision('cccc00000003', 'bbbb00000002', `await op.dropColumn('b', ${status});`, `await op.addColumn('b', ${status});`, 'drop b.status');

    expect((await project.cli('upgrade', 'bbbb')).stderr).toBe('');
    expect(await typeExists(project)).toBe(true);
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    expect(await typeExists(project)).toBe(false);
    const down = await project.cli('downgrade', 'base');
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
  } finally {
    await project.cleanup();
  }
});
