/**
 * PostgreSQL refuses CREATE INDEX CONCURRENTLY inside a transaction; the runner runs such an op
 * between transactions, live and in --sql scripts. Needs PostgreSQL.
 */
import { createPostgresDatabase, withConnection } from './helpers/databases';
import { projectPerTest } from './helpers/project';

const project = projectPerTest(createPostgresDatabase);

beforeEach(() => {
  project.writeConfig({ entities: [] });
  project.writeRevision(
    'aaaa00000001',
    null,
    `await op.createTable({ name: 'alpha', columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'label', type: 'varchar' }] });`,
    `await op.dropTable('alpha');`,
    'alpha',
  );
  project.writeRevision(
    'bbbb00000002',
    'aaaa00000001',
    `await op.createIndex('alpha', { name: 'IX_alpha_label', columnNames: ['label'], isConcurrent: true });`,
    `await op.dropIndex('alpha', { name: 'IX_alpha_label', columnNames: ['label'], isConcurrent: true });`,
    'concurrent index',
  );
});

test.each(['each', 'all'])("a concurrent index applies and reverts with transactionMode '%s'", async (mode) => {
  project.writeConfig({ entities: [], transactionMode: mode });
  const up = await project.cli('upgrade', 'head');
  expect(up.stderr).toBe('');
  expect(up.code).toBe(0);
  const indexes = () =>
    withConnection(project.db, (ds) => ds.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'alpha' AND indexname = 'IX_alpha_label'`));
  expect(await indexes()).toHaveLength(1);
  expect((await project.cli('downgrade', '-1')).code).toBe(0);
  expect(await indexes()).toHaveLength(0);
});

test('--sql puts the concurrent index between COMMIT and BEGIN', async () => {
  const result = await project.cli('upgrade', 'head', '--sql');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/COMMIT;\nCREATE INDEX CONCURRENTLY "IX_alpha_label" ON "alpha"\s+\("label"\);\nBEGIN;/);
});
