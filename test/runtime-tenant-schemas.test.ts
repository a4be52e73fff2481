/**
 * Runtime, PostgreSQL: one database, a tenant per schema, each migrated through a DataSource with
 * a `schema` option (the search path left at `public`). Everything a run keeps for itself — the
 * version table, the history table and the migration lock — belongs to the tenant's schema, as do
 * bulkInsert/bulkDelete on bare names: each tenant upgrades, reads its revision back, re-runs as a
 * no-op, and migrating one tenant does not wait for another (issue 10, item 2).
 */
import type { DataSourceOptions } from 'typeorm';
import { createMigrator, type Migrator } from '../src';
import { createPostgresDatabase, withConnection } from './helpers/databases';
import { projectPerTest } from './helpers/project';
import { whileStoppedAtGate, type Gate } from './helpers/gate';

const TENANTS = ['tenant_a', 'tenant_b'];

describe('PostgreSQL: two tenant schemas in one database', () => {
  const project = projectPerTest(createPostgresDatabase);

  beforeEach(async () => {
    // The gate lets the test stop a tenant's run inside revision 1, holding its migration lock.
    project.writeRevision(
      'aaaa00000001',
      null,
      `await op.bulkInsert('gate', [{ id: 1 }]);\n  await op.createTable({ name: 'item', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });\n  await op.bulkInsert('item', [{ id: 1 }, { id: 2 }]);`,
      `await op.dropTable('item');\n  await op.bulkDelete('gate', [{ id: 1 }]);`,
      'items',
    );
    project.writeRevision('aaaa00000002', 'aaaa00000001', `await op.bulkDelete('item', [{ id: 2 }]);`, `await op.bulkInsert('item', [{ id: 2 }]);`, 'one item');
    await withConnection(project.db, async (ds) => {
      for (const tenant of TENANTS) {
        await ds.query(`CREATE SCHEMA ${tenant}`);
        await ds.query(`CREATE TABLE ${tenant}.gate (id integer PRIMARY KEY)`);
      }
    });
  });

  const migratorFor = (schema: string, lockTimeout?: number): Promise<Migrator> =>
    createMigrator({ dataSource: { ...project.db.options, schema } as DataSourceOptions, cwd: project.dir, lockTimeout });

  const tablesBySchema = (): Promise<{ schema: string; name: string }[]> =>
    withConnection(project.db, (ds) =>
      ds.query(
        `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_schema IN ('public', 'tenant_a', 'tenant_b') ORDER BY 1, 2`,
      ),
    );

  test('each tenant upgrades, reads its own revision, and re-runs as a no-op; one waiting mid-revision does not hold up the other', async () => {
    const [a, b] = await Promise.all([migratorFor('tenant_a'), migratorFor('tenant_b', 2000)]);
    try {
      // Tenant A stops in revision 1, holding its lock, until the gate opens; tenant B runs meanwhile.
      const gate: Gate = {
        close: ['BEGIN', 'LOCK TABLE tenant_a.gate IN ACCESS EXCLUSIVE MODE'],
        open: ['COMMIT'],
        waiting: async (ds) => {
          const rows: { n: string }[] = await ds.query(
            `SELECT COUNT(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT l.granted AND c.relname = 'gate' AND n.nspname = 'tenant_a'`,
          );
          return Number(rows[0]!.n) > 0;
        },
      };
      const outcome = await whileStoppedAtGate(project.db, gate, () => a.upgrade('head'), () => b.upgrade('head').catch((error: unknown) => error));
      // A lock named by the version table alone would make B wait for A (and time out).
      expect(outcome.meanwhile).toMatchObject({ heads: ['aaaa00000002'] });
      expect(outcome.run).toMatchObject({ heads: ['aaaa00000002'] });

      for (const migrator of [a, b]) {
        expect((await migrator.current()).map((r) => r.id)).toEqual(['aaaa00000002']);
        expect((await migrator.upgrade('head')).steps).toEqual([]);
        expect(await migrator.changedRevisions()).toEqual([]);
      }
      expect(await tablesBySchema()).toEqual(
        TENANTS.flatMap((schema) => ['entity_migrate_history', 'entity_migrate_version', 'gate', 'item'].map((name) => ({ schema, name }))),
      );
      await withConnection(project.db, async (ds) => {
        for (const tenant of TENANTS) {
          expect(await ds.query(`SELECT id FROM ${tenant}.item`)).toEqual([{ id: 1 }]);
          expect(await ds.query(`SELECT revision, direction FROM ${tenant}.entity_migrate_history ORDER BY applied_at`)).toEqual([
            { revision: 'aaaa00000001', direction: 'upgrade' },
            { revision: 'aaaa00000002', direction: 'upgrade' },
          ]);
        }
      });

      // Down and up again, one tenant only: the other stays where it is.
      await a.downgrade('base');
      expect(await a.current()).toEqual([]);
      expect((await b.current()).map((r) => r.id)).toEqual(['aaaa00000002']);
      expect((await a.upgrade('head')).steps.map((s) => s.revision)).toEqual(['aaaa00000001', 'aaaa00000002']);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('the CLI, one config per tenant: upgrade, current, and a re-run that does nothing', async () => {
    for (const schema of TENANTS) project.write(`${schema}.json`, JSON.stringify({ url: '${TEST_DATABASE_URL}', schema }));
    for (const schema of TENANTS) {
      expect(await project.cli('-c', `${schema}.json`, 'upgrade', 'head')).toMatchObject({ code: 0, stderr: '' });
      expect((await project.cli('-c', `${schema}.json`, 'current')).stdout).toContain('aaaa00000002 (head)');
      expect((await project.cli('-c', `${schema}.json`, 'upgrade', 'head')).stdout).toContain('Nothing to upgrade');
    }
    expect((await tablesBySchema()).filter((t) => t.schema === 'public')).toEqual([]);
  });
});
