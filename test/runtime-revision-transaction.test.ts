/**
 * Runtime: TypeORM code inside a revision nests in the revision's transaction: a
 * `queryRunner.manager.transaction(...)` becomes a savepoint, so it cannot commit the revision's
 * work early, and a later failure rolls all of it back. In-process CLI; needs PostgreSQL and SQLite.
 */
import { DIALECTS, tableNames, versionRows } from './helpers/databases';
import { withProject } from './helpers/project';

describe.each(Object.entries(DIALECTS))('the revision transaction on %s', (_name, createDatabase) => {
  test("an EntityManager transaction inside a failing revision is rolled back with it", async () => {
    await withProject(await createDatabase(), 'revision-tx', async (project) => {
      project.writeConfig({ entities: [] });
      project.write(
        'migrations/versions/aaaa00000001_nested.ts',
        `import type { MigrationContext } from 'typeorm-entity-migrate';
export const revision = 'aaaa00000001';
export const downRevision = null;
export async function upgrade({ op, queryRunner }: MigrationContext): Promise<void> {
  await op.createTable({ name: 'alpha', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });
  await queryRunner.manager.transaction(async (manager) => {
    await manager.query('INSERT INTO alpha (id) VALUES (1)');
  });
  throw new Error('stop after the nested transaction');
}
export async function downgrade() {}
`,
      );
      const result = await project.cli('upgrade', 'head');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('stop after the nested transaction');
      expect(await tableNames(project.db)).not.toContain('alpha');
      expect(await versionRows(project.db).catch(() => [])).toEqual([]);
    });
  });
});
