/**
 * CLI, the Alembic loop on every dialect: revision files → upgrade/downgrade → version table,
 * with the targets, listings, stamp, merge, --sql and init a user would type. In-process CLI;
 * needs PostgreSQL and SQLite.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIALECTS, tableNames, versionRows, withConnection } from './helpers/databases';
import { projectPerTest, type TestProject } from './helpers/project';

const createTable = (name: string) =>
  `await op.createTable({ name: '${name}', columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'label', type: 'varchar', length: '50', isNullable: true }] });`;
const dropTable = (name: string) => `await op.dropTable('${name}');`;

/** A chain a1 → b2 → c3, each creating one table. */
function writeChain(project: TestProject): void {
  project.writeRevision('aaaa00000001', null, createTable('alpha'), dropTable('alpha'), 'create alpha');
  project.writeRevision('bbbb00000002', 'aaaa00000001', createTable('beta'), dropTable('beta'), 'create beta');
  project.writeRevision('cccc00000003', 'bbbb00000002', createTable('gamma'), dropTable('gamma'), 'create gamma');
}

describe.each(Object.entries(DIALECTS))('CLI workflow on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase);
  beforeEach(() => {
    project.writeConfig();
  });

  test('upgrade head applies the chain in order and records one head', async () => {
    writeChain(project);
    const up = await project.cli('upgrade', 'head');
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('Running upgrade <base> -> aaaa00000001, create alpha');
    expect(up.stdout).toContain('Running upgrade bbbb00000002 -> cccc00000003, create gamma');
    expect(await tableNames(project.db)).toEqual(['alpha', 'beta', 'entity_migrate_history', 'entity_migrate_version', 'gamma']);
    expect(await versionRows(project.db)).toEqual(['cccc00000003']);

    const current = await project.cli('current');
    expect(current.stdout.trim()).toBe('cccc00000003 (head)');

    const again = await project.cli('upgrade');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to upgrade');
  });

  test('relative and prefix targets: +N, -N, REV, REV+N, REV-N, base', async () => {
    writeChain(project);
    expect((await project.cli('upgrade', '+1')).code).toBe(0);
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
    expect((await project.cli('upgrade', 'bbbb')).code).toBe(0);
    expect(await versionRows(project.db)).toEqual(['bbbb00000002']);
    expect((await project.cli('downgrade', '-1')).code).toBe(0);
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
    expect((await project.cli('upgrade', 'aaaa+2')).code).toBe(0);
    expect(await versionRows(project.db)).toEqual(['cccc00000003']);
    expect((await project.cli('downgrade', 'cccc-2')).code).toBe(0);
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
    expect(await tableNames(project.db)).toEqual(['alpha', 'entity_migrate_history', 'entity_migrate_version']);
    const down = await project.cli('downgrade', 'base');
    expect(down.code).toBe(0);
    expect(down.stdout).toContain('Running downgrade aaaa00000001 -> <base>, create alpha');
    expect(await versionRows(project.db)).toEqual([]);
    expect(await tableNames(project.db)).toEqual(['entity_migrate_history', 'entity_migrate_version']);
  });

  test('targets that go the wrong way or do not exist fail with one line', async () => {
    writeChain(project);
    await project.cli('upgrade', 'head');
    const behind = await project.cli('upgrade', 'aaaa');
    expect(behind.code).toBe(1);
    expect(behind.stderr.trim().split('\n')).toHaveLength(1);
    expect(behind.stderr).toContain('behind the current revision');
    await project.cli('downgrade', 'aaaa');
    const ahead = await project.cli('downgrade', 'cccc');
    expect(ahead.code).toBe(1);
    expect(ahead.stderr).toContain('ahead of the current revision');
    const unknown = await project.cli('upgrade', 'ffff');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No revision matches 'ffff'");
    const tooFar = await project.cli('downgrade', '-5');
    expect(tooFar.code).toBe(1);
    expect(tooFar.stderr).toContain('only 1 are applied');
  });

  test('an ambiguous prefix lists the matching revisions', async () => {
    project.writeRevision('abc111111111', null, createTable('one'), dropTable('one'));
    project.writeRevision('abc222222222', 'abc111111111', createTable('two'), dropTable('two'));
    const result = await project.cli('upgrade', 'abc');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("'abc' is ambiguous: it matches abc111111111, abc222222222");
  });

  test('history, heads and show describe the chain', async () => {
    writeChain(project);
    await project.cli('upgrade', 'bbbb');
    const history = await project.cli('history');
    expect(history.code).toBe(0);
    expect(history.stdout.trim().split('\n')).toEqual([
      'bbbb00000002 -> cccc00000003 (head), create gamma',
      'aaaa00000001 -> bbbb00000002 (current), create beta',
      '<base> -> aaaa00000001, create alpha',
    ]);
    const ranged = await project.cli('history', '-r', 'bbbb:cccc');
    expect(ranged.stdout.trim().split('\n')).toHaveLength(2);
    const verbose = await project.cli('history', '-v', '-r', ':aaaa');
    expect(verbose.stdout).toContain('Rev: aaaa00000001');
    expect(verbose.stdout).toContain('Parent: <base>');
    expect(verbose.stdout).toContain(join('migrations', 'versions', 'aaaa00000001_create_alpha.ts'));
    expect((await project.cli('heads')).stdout.trim()).toBe('cccc00000003 (head)');
    const show = await project.cli('show', 'bbbb');
    expect(show.stdout).toContain('Rev: bbbb00000002');
    expect(show.stdout).toContain('Parent: aaaa00000001');
    expect(show.stdout).toContain('create beta');
    const currentVerbose = await project.cli('current', '-v');
    expect(currentVerbose.stdout).toContain('Rev: bbbb00000002');
    expect(currentVerbose.stdout).toContain('Path: migrations');
  });

  test('current, history and heads --json print the revisions for scripts', async () => {
    writeChain(project);
    await project.cli('upgrade', 'bbbb');
    const current = JSON.parse((await project.cli('current', '--json')).stdout);
    expect(current).toEqual([
      expect.objectContaining({ id: 'bbbb00000002', downRevisions: ['aaaa00000001'], message: 'create beta', isHead: false }),
    ]);
    const history = JSON.parse((await project.cli('history', '--json')).stdout);
    expect(history.map((r: { id: string; isCurrent: boolean }) => [r.id, r.isCurrent])).toEqual([
      ['cccc00000003', false],
      ['bbbb00000002', true],
      ['aaaa00000001', false],
    ]);
    expect(history[0].file).toBe(join('migrations', 'versions', 'cccc00000003_create_gamma.ts'));
    const heads = JSON.parse((await project.cli('heads', '--json')).stdout);
    expect(heads.map((r: { id: string }) => r.id)).toEqual(['cccc00000003']);
  });

  test('stamp moves the version table without running revisions', async () => {
    writeChain(project);
    expect((await project.cli('stamp', 'bbbb')).code).toBe(0);
    expect(await versionRows(project.db)).toEqual(['bbbb00000002']);
    expect(await tableNames(project.db)).toEqual(['entity_migrate_version']);
    await project.cli('stamp', 'base');
    expect(await versionRows(project.db)).toEqual([]);
    await project.cli('stamp', 'head');
    expect(await versionRows(project.db)).toEqual(['cccc00000003']);
  });

  test('revision -m writes an empty revision on the head; --rev-id and --template seed', async () => {
    const first = await project.cli('revision', '-m', 'first step', '--rev-id', 'f1f1f1f1f1f1');
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toBe(join('migrations', 'versions', 'f1f1f1f1f1f1_first_step.ts'));
    const source = project.read(first.stdout.trim());
    expect(source).toContain("export const revision = 'f1f1f1f1f1f1';");
    expect(source).toContain('export const downRevision: string | null = null;');
    const second = await project.cli('revision', '-m', 'Seed Users!');
    expect(second.code).toBe(0);
    expect(second.stdout.trim()).toMatch(/versions\/[0-9a-f]{12}_seed_users\.ts$/);
    expect(project.read(second.stdout.trim())).toContain("export const downRevision: string | null = 'f1f1f1f1f1f1';");
    const seed = await project.cli('revision', '-m', 'seed', '--template', 'seed', '--table', 'users');
    expect(seed.code).toBe(0);
    expect(project.read(seed.stdout.trim())).toContain("await op.bulkInsert('users', rows);");
    // The written files form a chain that upgrades and downgrades cleanly.
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    expect((await project.cli('downgrade', 'base')).code).toBe(0);
  });

  test('a seed-data revision inserts rows and its downgrade removes every one', async () => {
    project.writeRevision('aaaa00000001', null, createTable('alpha'), dropTable('alpha'));
    project.writeRevision(
      'bbbb00000002',
      'aaaa00000001',
      `await op.bulkInsert('alpha', [{ id: 1, label: 'one' }, { id: 2, label: "it's two" }, { id: 3, label: null }]);`,
      `await op.bulkDelete('alpha', [{ id: 1 }, { id: 2 }, { id: 3 }]);`,
      'seed alpha',
    );
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    const rows = await withConnection(project.db, (ds) => ds.query('SELECT id, label FROM alpha ORDER BY id'));
    expect(rows.map((r: { label: string | null }) => r.label)).toEqual(['one', "it's two", null]);
    expect((await project.cli('downgrade', '-1')).code).toBe(0);
    const after = await withConnection(project.db, (ds) => ds.query('SELECT COUNT(*) AS n FROM alpha'));
    expect(Number(after[0].n)).toBe(0);
  });

  test('two heads: upgrade head refuses and names both; merge rejoins them', async () => {
    project.writeRevision('aaaa00000001', null, createTable('alpha'), dropTable('alpha'));
    project.writeRevision('bbbb00000002', 'aaaa00000001', createTable('beta'), dropTable('beta'));
    project.writeRevision('dddd00000004', 'aaaa00000001', createTable('delta'), dropTable('delta'));
    const refused = await project.cli('upgrade', 'head');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('bbbb00000002');
    expect(refused.stderr).toContain('dddd00000004');
    expect(refused.stderr).toContain('merge');
    const heads = await project.cli('heads');
    expect(heads.stdout.trim().split('\n')).toEqual(['bbbb00000002 (head)', 'dddd00000004 (head)']);

    const merge = await project.cli('merge', 'bbbb', 'dddd', '-m', 'merge heads', '--rev-id', 'eeee00000005');
    expect(merge.code).toBe(0);
    expect(project.read(merge.stdout.trim())).toContain("export const downRevision: string[] = ['bbbb00000002', 'dddd00000004'];");
    const up = await project.cli('upgrade', 'head');
    expect(up.code).toBe(0);
    expect(await versionRows(project.db)).toEqual(['eeee00000005']);
    expect(await tableNames(project.db)).toEqual(['alpha', 'beta', 'delta', 'entity_migrate_history', 'entity_migrate_version']);
    // Back through the merge: both branches become heads again, then one step more.
    await project.cli('downgrade', '-1');
    expect(await versionRows(project.db)).toEqual(['bbbb00000002', 'dddd00000004']);
    await project.cli('downgrade', 'base');
    expect(await tableNames(project.db)).toEqual(['entity_migrate_history', 'entity_migrate_version']);
  });

  test('upgrade heads applies every branch', async () => {
    project.writeRevision('aaaa00000001', null, createTable('alpha'), dropTable('alpha'));
    project.writeRevision('bbbb00000002', 'aaaa00000001', createTable('beta'), dropTable('beta'));
    project.writeRevision('dddd00000004', 'aaaa00000001', createTable('delta'), dropTable('delta'));
    expect((await project.cli('upgrade', 'heads')).code).toBe(0);
    expect(await versionRows(project.db)).toEqual(['bbbb00000002', 'dddd00000004']);
  });

  test('a failing revision rolls back: schema and version stay at the last good revision', async () => {
    project.writeRevision('aaaa00000001', null, createTable('alpha'), dropTable('alpha'));
    project.writeRevision(
      'bbbb00000002',
      'aaaa00000001',
      `${createTable('beta')}\n  await op.execute('INSERT INTO no_such_table VALUES (1)');`,
      dropTable('beta'),
      'broken',
    );
    const result = await project.cli('upgrade', 'head');
    expect(result.code).toBe(1);
    const line = result.stderr.trim();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('bbbb00000002');
    expect(line).toContain(join('migrations', 'versions', 'bbbb00000002_broken.ts'));
    expect(line).toContain('op.execute');
    expect(line).toContain('INSERT INTO no_such_table VALUES (1)');
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
    expect(await tableNames(project.db)).toEqual(['alpha', 'entity_migrate_history', 'entity_migrate_version']);
  });

  test("transactionMode 'all' rolls back the whole run", async () => {
    project.writeConfig({ transactionMode: 'all' });
    project.writeRevision('aaaa00000001', null, createTable('alpha'), dropTable('alpha'));
    project.writeRevision('bbbb00000002', 'aaaa00000001', `await op.execute('SELECT * FROM no_such_table');`, '', 'broken');
    expect((await project.cli('upgrade', 'head')).code).toBe(1);
    expect(await versionRows(project.db)).toEqual([]);
    expect(await tableNames(project.db)).toEqual(['entity_migrate_history', 'entity_migrate_version']);
  });

  test("transactionMode 'none' and a custom version table", async () => {
    project.writeConfig({ transactionMode: 'none', versionTable: 'schema_revisions' });
    writeChain(project);
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    expect(await versionRows(project.db, 'schema_revisions')).toEqual(['cccc00000003']);
    expect(await tableNames(project.db)).toContain('schema_revisions');
    expect(await tableNames(project.db)).not.toContain('entity_migrate_version');
  });

  test('--sql prints the script of a three-revision chain and changes nothing', async () => {
    writeChain(project);
    const result = await project.cli('upgrade', 'head', '--sql');
    expect(result.code).toBe(0);
    const sql = result.stdout;
    expect(sql).toMatch(/CREATE TABLE IF NOT EXISTS .?entity_migrate_version/);
    const order = ['alpha', 'beta', 'gamma'].map((t) => sql.search(new RegExp(`CREATE TABLE .?${t}`)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(sql).toContain("INSERT INTO");
    expect(sql).toContain("'aaaa00000001'");
    expect(sql).toContain("UPDATE");
    expect(sql).toContain("'cccc00000003'");
    expect(sql.match(/^(BEGIN|START TRANSACTION)/gm)).toHaveLength(3);
    expect(sql.match(/^COMMIT/gm)).toHaveLength(3);
    // Each revision ends with its version-table statement before COMMIT.
    expect(sql).toMatch(
      /'cccc00000003' WHERE version_num = 'bbbb00000002';\s*\nINSERT INTO .?entity_migrate_history.? [^\n]*'cccc00000003'[^\n]*;\s*\n(PRAGMA foreign_key_check;\s*\n)?COMMIT;/,
    );
    expect(await tableNames(project.db)).not.toContain('alpha');
    // And downgrade --sql from head, once the chain is applied.
    await project.cli('upgrade', 'head');
    const down = await project.cli('downgrade', 'base', '--sql');
    expect(down.code).toBe(0);
    expect(down.stdout.search(/DROP TABLE .?gamma/)).toBeLessThan(down.stdout.search(/DROP TABLE .?alpha/));
    expect(await tableNames(project.db)).toContain('gamma');
  });

  test('init writes a config and the versions folder', async () => {
    const init = await project.cli('init', 'app', '--data-source', './src/data-source.ts');
    expect(init.code).toBe(0);
    expect(existsSync(join(project.dir, 'app', 'entity-migrate.config.ts'))).toBe(true);
    expect(existsSync(join(project.dir, 'app', 'migrations', 'versions'))).toBe(true);
    expect(project.read('app/entity-migrate.config.ts')).toContain("dataSource: './src/data-source.ts'");
    const again = await project.cli('init', 'app');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const json = await project.cli('init', 'other', '--json', '--templates');
    expect(json.code).toBe(0);
    expect(JSON.parse(project.read('other/entity-migrate.config.json')).migrationsDir).toBe('migrations');
    expect(existsSync(join(project.dir, 'other', 'migrations', 'templates', 'revision.ts.hbs'))).toBe(true);
  });

  test('init in an existing TypeORM project uses its ormconfig.json or finds its data source', async () => {
    project.write('legacy/ormconfig.json', JSON.stringify({ type: 'postgres', url: project.db.url, entities: ['src/*.ts'] }));
    const legacy = await project.cli('init', 'legacy');
    expect(legacy.code).toBe(0);
    expect(legacy.stdout).toContain('Using legacy/ormconfig.json for the connection');
    // A config file would hide ormconfig.json from the lookup, so none is written.
    expect(existsSync(join(project.dir, 'legacy', 'entity-migrate.config.ts'))).toBe(false);
    expect(existsSync(join(project.dir, 'legacy', 'migrations', 'versions'))).toBe(true);

    project.write('nested/src/database/data-source.ts', 'export {};\n');
    const nested = await project.cli('init', 'nested');
    expect(nested.code).toBe(0);
    expect(nested.stdout).toContain('Using ./src/database/data-source.ts as the data source');
    expect(project.read('nested/entity-migrate.config.ts')).toContain("dataSource: './src/database/data-source.ts'");

    // The project's own scripts say where TypeORM's CLI finds the data source (overseerr keeps it in
    // server/datasource.ts): they win over the usual names, and the TypeScript source over dist/.
    project.write('scripted/package.json', JSON.stringify({ scripts: {
      'migration:prod': 'typeorm -d dist/datasource.js migration:run',
      'migration:generate': 'ts-node -r tsconfig-paths/register ./node_modules/typeorm/cli.js migration:generate -d server/datasource.ts',
      build: 'tsc -d',
    } }));
    project.write('scripted/server/datasource.ts', 'export {};\n');
    project.write('scripted/dist/datasource.js', 'module.exports = {};\n');
    project.write('scripted/src/data-source.ts', 'export {};\n');
    const scripted = await project.cli('init', 'scripted');
    expect(scripted.code).toBe(0);
    expect(scripted.stdout).toContain('Using ./server/datasource.ts as the data source');
    expect(project.read('scripted/entity-migrate.config.ts')).toContain("dataSource: './server/datasource.ts'");

    const fresh = await project.cli('init', 'fresh');
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain('./src/data-source.ts does not exist yet');
  });

  test('a custom template in migrations/templates is used', async () => {
    project.write('migrations/templates/revision.ts.hbs', "// custom template\nexport const revision = '{{revision}}';\nexport const downRevision = {{{downRevisionLiteral}}};\nexport async function upgrade() {}\n");
    const result = await project.cli('revision', '-m', 'custom');
    expect(result.code).toBe(0);
    expect(project.read(result.stdout.trim())).toMatch(/^\/\/ custom template/);
  });
});
