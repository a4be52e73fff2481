/**
 * PostgreSQL, --sql scripts that depend on what the script itself creates: an enum type shared by
 * two tables is created once, and the printed script runs as printed. Needs PostgreSQL.
 */
import { createPostgresDatabase, tableNames, withConnection } from './helpers/databases';
import { withProject } from './helpers/project';

test('a shared enum type is created once in a --sql script, which then runs cleanly', async () => {
  await withProject(await createPostgresDatabase(), undefined, async (project) => {
    project.writeConfig({ entities: [] });
    const table = (name: string) =>
      `await op.createTable({ name: '${name}', columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'status', type: 'enum', enum: ['draft', 'live'], enumName: 'shared_status' }] });`;
    project.writeRevision('aaaa00000001', null, `${table('a')}\n  ${table('b')}`, `await op.dropTable('b');\n  await op.dropTable('a');`, 'enums');
    const script = await project.cli('upgrade', 'head', '--sql');
    expect(script.code).toBe(0);
    expect(script.stdout.match(/CREATE TYPE "public"."shared_status"/g)).toHaveLength(1);
    await withConnection(project.db, (ds) => ds.query(script.stdout));
    expect(await tableNames(project.db)).toEqual(['a', 'b', 'entity_migrate_history', 'entity_migrate_version']);
  });
});

test('a --sql script drops, by its full spec, a table an earlier revision of the script created', async () => {
  await withProject(await createPostgresDatabase(), undefined, async (project) => {
    project.writeConfig({ entities: [] });
    const spec = `{ name: 'draft', columns: [{ name: 'id', type: 'integer', isPrimary: true }] }`;
    project.writeRevision('aaaa00000001', null, `await op.createTable(${spec});`, `await op.dropTable(${spec});`, 'create');
    project.writeRevision('bbbb00000002', 'aaaa00000001', `await op.dropTable(${spec});`, `await op.createTable(${spec});`, 'drop');
    // PostgreSQL's dropTable looks the table up as public.draft; the script created it as draft.
    const script = await project.cli('upgrade', 'head', '--sql');
    expect(script.code).toBe(0);
    expect(script.stdout).toMatch(/CREATE TABLE "draft"[\s\S]*DROP TABLE "draft"/);
    await withConnection(project.db, (ds) => ds.query(script.stdout));
    expect(await tableNames(project.db)).toEqual(['entity_migrate_history', 'entity_migrate_version']);
  });
});
