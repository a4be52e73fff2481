/**
 * Targets (issue 13 §4): one command on many tenant schemas or databases. `--all-targets` /
 * `--target NAME` run upgrade, downgrade, current, check and status on each target of the config's
 * `targets`, each with its own DataSource, lock and transactions, and print a summary table
 * (target, from, to, time, result). A failing target does not stop the others; the exit code is 1
 * and the last line names it; a re-run resumes each where it stopped. Names are checked before any
 * database is touched.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { migrateTargets } from '../src';
import { createPostgresDatabase, createSqliteDatabase, sqliteFile, SQLITE_DRIVER, withConnection, withDataSource, type TestDatabase } from './helpers/databases';
import { createTableOp, dropTableOp, projectPerTest, TestProject, type CliResult } from './helpers/project';
import { widgetEntitySource } from './helpers/widget-entity';

const TENANTS = ['tenant_a', 'tenant_b', 'tenant_c', 'tenant_d'];

/** Three revisions, each creating one table: t1, t2, t3. */
function writeChain(project: TestProject): void {
  for (const i of [1, 2, 3]) {
    project.writeRevision(`aaaa0000000${i}`, i === 1 ? null : `aaaa0000000${i - 1}`, createTableOp(`t${i}`), dropTableOp(`t${i}`), `t${i}`);
  }
}

interface SummaryRow {
  from: string;
  to: string;
  result: string;
}

/** The summary table under its `target  from  to  time  result` header, by target name. */
function summary(result: CliResult): Record<string, SummaryRow> {
  const lines = result.stdout.split('\n');
  const header = lines.findIndex((l) => /^target\s+from\s+to\s+time\s+result$/.test(l));
  expect(header).toBeGreaterThanOrEqual(0);
  const rows: Record<string, SummaryRow> = {};
  for (const line of lines.slice(header + 1)) {
    if (line.trim() === '') continue;
    const [name, from, to, time, ...result] = line.split(/ {2,}/);
    expect(time).toMatch(/^\d+\.\d\d s$/);
    rows[name!] = { from: from!, to: to!, result: result.join('  ') };
  }
  return rows;
}

const HEAD = 'aaaa00000003';

describe('PostgreSQL: tenant schemas in one database', () => {
  const project = projectPerTest(createPostgresDatabase);

  beforeEach(async () => {
    writeChain(project);
    project.writeConfig({ targets: TENANTS.map((name) => ({ name, schema: name })) });
    await withConnection(project.db, async (ds) => {
      for (const tenant of TENANTS) await ds.query(`CREATE SCHEMA ${tenant}`);
      // tenant_d already has a t2 of its own: its revision 2 fails.
      await ds.query(`CREATE TABLE tenant_d.t2 (x integer)`);
    });
  });

  const recorded = (schema: string): Promise<string[]> =>
    withConnection(project.db, async (ds) => {
      const exists: { n: string }[] = await ds.query(
        `SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'entity_migrate_version'`,
        [schema],
      );
      if (Number(exists[0]!.n) === 0) return [];
      const rows: { version_num: string }[] = await ds.query(`SELECT version_num FROM ${schema}.entity_migrate_version`);
      return rows.map((r) => r.version_num);
    });

  const tablesIn = (schema: string): Promise<string[]> =>
    withConnection(project.db, async (ds) => {
      const rows: { name: string }[] = await ds.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema]);
      return rows.map((r) => r.name);
    });

  test('--all-targets: one failing tenant stops only itself; summary, exit code; status says who is behind; a re-run resumes it', async () => {
    const first = await project.cli('upgrade', '--all-targets', '--concurrency', '2');
    expect(first.code).toBe(1);
    const stderr = first.stderr.trim().split('\n');
    expect(stderr[stderr.length - 1]).toBe('error: 1 of 4 targets failed: tenant_d (a re-run resumes each where it stopped)');
    expect(stderr).toContainEqual(expect.stringMatching(/^\[tenant_d\] error: Revision aaaa00000002 .*relation "t2" already exists.*rolled back$/));
    expect(summary(first)).toEqual({
      tenant_a: { from: 'base', to: HEAD, result: '3 revision(s)' },
      tenant_b: { from: 'base', to: HEAD, result: '3 revision(s)' },
      tenant_c: { from: 'base', to: HEAD, result: '3 revision(s)' },
      tenant_d: { from: 'base', to: 'aaaa00000001', result: expect.stringMatching(/^failed: Revision aaaa00000002 /) },
    });
    expect(first.stdout).toMatch(/\[tenant_a\] (\[\d+\/\d+, [\d.]+ s\] )?Running upgrade aaaa00000002 -> aaaa00000003, t3/);
    for (const tenant of ['tenant_a', 'tenant_b', 'tenant_c']) {
      expect(await recorded(tenant)).toEqual([HEAD]);
      expect(await tablesIn(tenant)).toEqual(['entity_migrate_history', 'entity_migrate_version', 't1', 't2', 't3']);
    }
    expect(await recorded('tenant_d')).toEqual(['aaaa00000001']);
    expect(await tablesIn('public')).toEqual([]);

    const status = await project.cli('status', '--all-targets', '--no-check');
    expect(status.code).toBe(2);
    expect(summary(status).tenant_d).toEqual({ from: 'aaaa00000001', to: HEAD, result: 'needs attention: 2 pending' });
    expect(summary(status).tenant_a).toEqual({ from: HEAD, to: HEAD, result: 'up to date' });

    await withConnection(project.db, (ds) => ds.query('DROP TABLE tenant_d.t2'));
    const again = await project.cli('upgrade', 'head', '--all-targets');
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(summary(again)).toEqual({
      tenant_a: { from: HEAD, to: HEAD, result: 'nothing to do' },
      tenant_b: { from: HEAD, to: HEAD, result: 'nothing to do' },
      tenant_c: { from: HEAD, to: HEAD, result: 'nothing to do' },
      tenant_d: { from: 'aaaa00000001', to: HEAD, result: '2 revision(s)' },
    });
    expect(await recorded('tenant_d')).toEqual([HEAD]);
    expect((await project.cli('status', '--all-targets', '--no-check')).code).toBe(0);
  });

  test('--target picks targets (repeated or a comma list); without the flags the plain data source is used, with a note', async () => {
    const one = await project.cli('upgrade', '--target', 'tenant_b');
    expect(one).toMatchObject({ code: 0, stderr: '' });
    expect(Object.keys(summary(one))).toEqual(['tenant_b']);
    expect(await recorded('tenant_b')).toEqual([HEAD]);
    for (const other of ['tenant_a', 'tenant_c', 'tenant_d']) expect(await recorded(other)).toEqual([]);

    const current = await project.cli('current', '--target', 'tenant_a', '--target', 'tenant_b');
    expect(current.code).toBe(0);
    expect(current.stdout).toContain(`[tenant_b] ${HEAD} (head)`);
    expect(current.stderr).toContain('[tenant_a] The database is at base (no revision applied)');
    expect(summary(current)).toEqual({
      tenant_a: { from: 'base', to: 'base', result: 'at base' },
      tenant_b: { from: HEAD, to: HEAD, result: 'at head' },
    });

    const down = await project.cli('downgrade', '-1', '--target', 'tenant_b,tenant_a');
    // tenant_a is at base: its downgrade is refused, tenant_b's runs.
    expect(down.code).toBe(1);
    expect(down.stderr.trim().split('\n').pop()).toBe('error: 1 of 2 targets failed: tenant_a (a re-run resumes each where it stopped)');
    expect(summary(down).tenant_b).toEqual({ from: HEAD, to: 'aaaa00000002', result: '1 revision(s)' });
    expect(await recorded('tenant_b')).toEqual(['aaaa00000002']);

    const plain = await project.cli('upgrade');
    expect(plain.code).toBe(0);
    expect(plain.stderr.trim()).toBe(
      'note: entity-migrate.config.json has "targets"; this runs on its data source as configured (--all-targets or --target NAME runs on them)',
    );
    expect(plain.stdout).not.toContain('target  from');
    expect(await tablesIn('public')).toEqual(['entity_migrate_history', 'entity_migrate_version', 't1', 't2', 't3']);
  });

  test('check --all-targets --json: one document, each target with its own output; exit 2 when one has pending ops', async () => {
    project.writeConfig({ targets: [{ name: 'tenant_a', schema: 'tenant_a' }, { name: 'tenant_b', schema: 'tenant_b' }], entities: ['src/*.ts'] });
    for (const i of [1, 2, 3]) {
      project.write(`src/t${i}.ts`, `import { Entity, PrimaryColumn } from 'typeorm';\n@Entity('t${i}')\nexport class T${i} { @PrimaryColumn('integer') id!: number; }\n`);
    }
    // Both at head; tenant_b then loses t3, which its entities still have.
    expect((await project.cli('upgrade', '--all-targets')).code).toBe(0);
    await withConnection(project.db, (ds) => ds.query('DROP TABLE tenant_b.t3'));
    const check = await project.cli('check', '--all-targets', '--json');
    expect(check.stderr).toBe('');
    expect(check.code).toBe(2);
    const json = JSON.parse(check.stdout) as { targets: { name: string; code: number; from: string[]; output: { ops: unknown[] } }[] };
    expect(json.targets.map((t) => [t.name, t.code, t.from, t.output.ops.length])).toEqual([
      ['tenant_a', 0, [HEAD], 0],
      ['tenant_b', 2, [HEAD], 1],
    ]);
  });

  test('migrateTargets(): one migrator per target in code, an async list, failures as outcomes', async () => {
    const outcomes = await migrateTargets(
      {
        dataSource: project.db.options as DataSourceOptions,
        cwd: project.dir,
        targets: async () => TENANTS.map((name) => ({ name, schema: name })),
        concurrency: 3,
      },
      (migrator) => migrator.upgrade('head'),
    );
    expect(outcomes.map((o) => [o.target.name, o.ok, o.value?.heads])).toEqual([
      ['tenant_a', true, [HEAD]],
      ['tenant_b', true, [HEAD]],
      ['tenant_c', true, [HEAD]],
      ['tenant_d', false, undefined],
    ]);
    expect(String(outcomes[3]!.error)).toContain('relation "t2" already exists');
    await expect(migrateTargets({ dataSource: project.db.options as DataSourceOptions, cwd: project.dir, targets: [], only: ['x'] }, async () => 0)).rejects.toThrow(
      'unknown target "x"; the targets of migrateTargets() are: none',
    );
  });
});

describe('PostgreSQL: revision --autogenerate --target NAME compares against one tenant', () => {
  const project = projectPerTest(createPostgresDatabase, 'autogenerate-target');
  const revisionText = (result: CliResult) => project.read(result.stdout.trim());
  const tablesOf = (schema: string): Promise<string[]> =>
    withConnection(project.db, async (ds) => (await ds.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema])).map((r: { name: string }) => r.name));

  beforeEach(async () => {
    project.write('entities/widget.ts', widgetEntitySource());
    project.writeConfig({ entities: ['entities/*.ts'], targets: ['tenant_a', 'tenant_b'].map((name) => ({ name, schema: name })) });
    await withConnection(project.db, async (ds) => {
      for (const tenant of ['tenant_a', 'tenant_b']) await ds.query(`CREATE SCHEMA ${tenant}`);
    });
  });

  test('each revision is the difference with the tenant named; without --target, the data source as configured, with a note', async () => {
    const first = await project.cli('revision', '--autogenerate', '-m', 'widgets', '--target', 'tenant_a');
    expect(first).toMatchObject({ code: 0 });
    expect(first.stderr).not.toContain('note:');
    expect(revisionText(first)).toContain("name: 'widget'");
    expect((await project.cli('upgrade', '--all-targets')).code).toBe(0);

    // A new entity file (this process has the first one loaded already).
    project.write('entities/gadget.ts', widgetEntitySource('gadget'));
    const second = await project.cli('revision', '--autogenerate', '-m', 'gadgets', '--target', 'tenant_b');
    expect(second).toMatchObject({ code: 0, stderr: 'Changes:\n  + table gadget (2 columns)\n' });
    expect(revisionText(second)).toContain("name: 'gadget'");
    expect(revisionText(second)).not.toContain("name: 'widget'");
    // Written for every tenant: no schema of the one compared against.
    expect(revisionText(first) + revisionText(second)).not.toContain('tenant_');
    expect((await project.cli('upgrade', '--all-targets')).code).toBe(0);
    expect(await tablesOf('tenant_a')).toEqual(['entity_migrate_history', 'entity_migrate_version', 'gadget', 'widget']);

    // The plain data source (public) never ran a revision: autogenerate there refuses, after the note.
    const plain = await project.cli('revision', '--autogenerate', '-m', 'public');
    expect(plain.code).toBe(1);
    expect(plain.stderr.trim().split('\n')[0]).toBe(
      'note: entity-migrate.config.json has "targets"; this compares against its data source as configured (--target NAME compares against one target)',
    );
  });

  test('an unknown name, several names, or --target without --autogenerate: one line, nothing written', async () => {
    const refused = async (args: string[], message: string) => expect(await project.cli(...args)).toEqual({ code: 1, stdout: '', stderr: `error: ${message}\n` });
    await refused(['revision', '--autogenerate', '-m', 'x', '--target', 'tenant_z'], 'unknown target "tenant_z"; the targets of entity-migrate.config.json are: tenant_a, tenant_b');
    await refused(['revision', '--autogenerate', '-m', 'x', '--target', 'tenant_a,tenant_b'], '--target needs one target name (autogenerate compares against one database)');
    await refused(['revision', '-m', 'x', '--target', 'tenant_a'], '--target applies to --autogenerate only (a revision without it does not read the database)');
    expect(project.revisionFiles()).toEqual([]);
  });
});

describe('SQLite: one file per target, from an async "targets" function in a TS config', () => {
  const project = projectPerTest(createSqliteDatabase);

  test('upgrade --all-targets makes each file; one failing file stops only itself; a re-run resumes it', async () => {
    writeChain(project);
    project.write(
      'entity-migrate.config.ts',
      [
        `const tenants = async (): Promise<string[]> => ['one', 'two', 'three'];`,
        `export default {`,
        `  type: '${SQLITE_DRIVER}', database: ${JSON.stringify(sqliteFile(project.db))},`,
        `  targets: async () => (await tenants()).map((name) => ({ name, url: \`sqlite:tenants-\${name}.db\` })),`,
        `};`,
        ``,
      ].join('\n'),
    );
    const file = (name: string) => join(project.dir, `tenants-${name}.db`);
    const fileDb = (name: string): TestDatabase => ({ ...project.db, options: { ...project.db.options, database: file(name) } as DataSourceOptions });
    await withDataSource(fileDb('two'), undefined, (ds) => ds.query('CREATE TABLE t3 (x integer)'));

    const first = await project.cli('upgrade', '--all-targets');
    expect(first.code).toBe(1);
    expect(first.stderr.trim().split('\n').pop()).toBe('error: 1 of 3 targets failed: two (a re-run resumes each where it stopped)');
    expect(summary(first)).toEqual({
      one: { from: 'base', to: HEAD, result: '3 revision(s)' },
      two: { from: 'base', to: 'aaaa00000002', result: expect.stringMatching(/^failed: Revision aaaa00000003 /) },
      three: { from: 'base', to: HEAD, result: '3 revision(s)' },
    });
    expect(existsSync(sqliteFile(project.db))).toBe(false); // the plain data source was not touched

    await withDataSource(fileDb('two'), undefined, (ds) => ds.query('DROP TABLE t3'));
    const again = await project.cli('upgrade', '--all-targets', '--concurrency', '1');
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(summary(again).two).toEqual({ from: 'aaaa00000002', to: HEAD, result: '1 revision(s)' });
    for (const name of ['one', 'two', 'three']) {
      const rows = await withDataSource(fileDb(name), undefined, (ds) => ds.query('SELECT version_num FROM entity_migrate_version'));
      expect(rows).toEqual([{ version_num: HEAD }]);
    }
  });
});

describe('targets are checked before any database is touched', () => {
  // The data source points nowhere: any connection attempt would fail with 'cannot connect'.
  const nowhere: TestDatabase = {
    dialect: 'postgres',
    options: { type: 'postgres', url: 'postgres://postgres@127.0.0.1:1/nowhere' },
    url: 'postgres://postgres@127.0.0.1:1/nowhere',
    drop: async () => undefined,
  };
  const project = projectPerTest(async () => nowhere);
  const targets = [{ name: 'a', schema: 'a' }, { name: 'b', url: 'postgres://u:secret@127.0.0.1:1/b' }];

  const refused = async (args: string[], message: string, config: Record<string, unknown> = { targets }) => {
    project.writeConfig(config);
    const result = await project.cli(...args);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `error: ${message}\n` });
  };

  test.each([
    [['upgrade', '--target', 'nope'], 'unknown target "nope"; the targets of entity-migrate.config.json are: a, b'],
    [['current', '--target', 'a,nope,zz'], 'unknown targets "nope", "zz"; the targets of entity-migrate.config.json are: a, b'],
    [['upgrade', '--all-targets', '--target', 'a'], '--all-targets and --target both given; use one of them'],
    [['status', '--concurrency', '2'], '--concurrency applies to --all-targets / --target only'],
    [['check', '--all-targets', '--concurrency', '0'], '--concurrency must be a whole number >= 1, got 0'],
    [['upgrade', '--all-targets', '--sql'], '--sql prints one script: pick one target with --target NAME (2 selected)'],
    [['downgrade', 'base', '--target', ''], '--target needs a target name (--target NAME, or NAME,NAME)'],
  ])('%j', async (args, message) => refused(args, message));

  test('duplicate names, a bad entry, flags without "targets", schema on SQLite', async () => {
    await refused(['upgrade', '--all-targets'], 'entity-migrate.config.json: two targets are named "a"; target names must be unique', {
      targets: [{ name: 'a' }, { name: 'a', schema: 'x' }],
    });
    await refused(['current'], 'entity-migrate.config.json: "targets"[0] (a): unknown key "schemas"; a target has name, url and schema', {
      targets: [{ name: 'a', schemas: 'x' }],
    });
    await refused(['upgrade', '--all-targets'], '--all-targets given, but entity-migrate.config.json has no "targets" (a list of { name, url?, schema? })', {});
    const file = join(project.dir, 'x.db');
    await refused(
      ['upgrade', '--all-targets'],
      `entity-migrate.config.json: target "s" sets "schema", which ${SQLITE_DRIVER} does not have; give each target its own "url" (a database, or a SQLite file) instead`,
      { targets: [{ name: 'ok', url: `sqlite:${file}` }, { name: 's', url: `sqlite:${file}`, schema: 'x' }] },
    );
    expect(existsSync(file)).toBe(false);
  });
});
