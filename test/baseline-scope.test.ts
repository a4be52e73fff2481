/**
 * `baseline` adopts what the data source sees: with a PostgreSQL `schema` option (one tenant's
 * schema) only that schema, never the other tenants'; without one, every schema of the user's; and
 * never the tables `include` / `exclude` leave out; and `verify` proves a baseline before any
 * entity exists. In-process CLI; needs PostgreSQL and SQLite.
 */
import { createPostgresDatabase, createSqliteDatabase, withConnection } from './helpers/databases';
import { projectPerTest, type TestProject } from './helpers/project';

/** The table names a baseline revision creates, from its createTable calls. */
function createdTables(project: TestProject): string[] {
  const [file] = project.revisionFiles();
  const upgrade = project.read(`migrations/versions/${file}`).split('export async function downgrade')[0];
  return [...upgrade.matchAll(/op\.createTable\(\{\n\s+name: '([^']+)'/g)].map((m) => m[1]).sort();
}

describe('baseline on PostgreSQL schemas', () => {
  const project = projectPerTest(createPostgresDatabase, 'baseline-scope');

  beforeEach(async () => {
    await withConnection(project.db, async (ds) => {
      for (const schema of ['tenant_a', 'tenant_b', 'audit']) {
        await ds.query(`CREATE SCHEMA ${schema}`);
        await ds.query(`CREATE TABLE ${schema}.note (id serial PRIMARY KEY, body text NOT NULL)`);
      }
      await ds.query(`CREATE TABLE public.account (id serial PRIMARY KEY)`);
      // An extension of the database, used by another tenant's table.
      await ds.query(`CREATE EXTENSION citext`);
      await ds.query(`CREATE TABLE tenant_b.login (id serial PRIMARY KEY, email citext NOT NULL)`);
    });
  });

  test('a data source pinned to one schema adopts that schema only, and a fresh one is built there', async () => {
    project.writeConfig({ schema: 'tenant_a' });
    const result = await project.cli('baseline', '-m', 'tenant a');
    expect(result.stderr).toContain('Baseline of 1 table(s)');
    expect(result.code).toBe(0);
    expect(createdTables(project)).toEqual(['note']);
    // The version table lives in the tenant's schema too, and only the tenant is stamped.
    const stamped = await withConnection(project.db, (ds) => ds.query(`SELECT version_num FROM tenant_a.entity_migrate_version`));
    expect(stamped).toHaveLength(1);

    // Upgrading another tenant's (empty) schema builds the table there, and nowhere else.
    await withConnection(project.db, (ds) => ds.query(`CREATE SCHEMA tenant_c`));
    project.writeConfig({ schema: 'tenant_c' });
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    const tables = await withConnection(project.db, (ds) =>
      ds.query(`SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema = 'tenant_c' AND table_name = 'note'`),
    );
    expect(tables).toEqual([{ name: 'tenant_c.note' }]);

    // The database's extension is created if missing, and a tenant's downgrade leaves it to the others.
    const source = project.read(`migrations/versions/${project.revisionFiles()[0]}`);
    expect(source).toMatch(/CREATE EXTENSION IF NOT EXISTS \\?"citext\\?"/);
    expect(source).not.toContain('DROP EXTENSION');
    const down = await project.cli('downgrade', 'base');
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
    const citext = await withConnection(project.db, (ds) => ds.query(`SELECT extname FROM pg_extension WHERE extname = 'citext'`));
    expect(citext).toHaveLength(1);
  });

  test('without a schema option every schema is adopted, created first; exclude leaves a schema out', async () => {
    project.writeConfig({ exclude: ['tenant_b.*'] });
    const result = await project.cli('baseline', '-m', 'all');
    expect(result.code).toBe(0);
    expect(createdTables(project)).toEqual(['account', 'audit.note', 'tenant_a.note']);
    // The whole database adopted: its extension is dropped again on the way down.
    expect(project.read(`migrations/versions/${project.revisionFiles()[0]}`)).toContain('DROP EXTENSION IF EXISTS');
    const source = project.read(`migrations/versions/${project.revisionFiles()[0]}`);
    expect(source.indexOf("op.createSchema('audit')")).toBeLessThan(source.indexOf("name: 'audit.note'"));
    expect(source).not.toContain('tenant_b');
  });
});

describe('baseline on SQLite with include, before any entity exists', () => {
  const project = projectPerTest(createSqliteDatabase, 'baseline-scope');

  test('only included tables are adopted', async () => {
    await withConnection(project.db, async (ds) => {
      await ds.query(`CREATE TABLE "app_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL)`);
      await ds.query(`CREATE TABLE "sessions" ("sid" varchar PRIMARY KEY NOT NULL)`);
    });
    project.writeConfig({ include: ['app_*'] });
    expect((await project.cli('baseline', '-m', 'app')).code).toBe(0);
    expect(createdTables(project)).toEqual(['app_user']);
    // Proved up, down and up on a scratch database, though no entity exists yet to compare with.
    const verify = await project.cli('verify');
    expect(verify.stderr).toBe('');
    expect(verify.stdout).toContain('Verified 1 revision(s)');
    expect(verify.stdout).toContain('Entities not compared with head: the data source lists none');
    expect(verify.code).toBe(0);
  });
});
