/**
 * CLI, bad input as a user meets it in the built CLI (`node bin/entity-migrate.js`, the real loader,
 * not jest's): one clear line on stderr, exit 1, and nothing written to the database or the
 * versions folder. `--verbose` adds the stack, still without passwords.
 *
 * Covered elsewhere, not repeated here:
 * - duplicate ids, a downRevision naming no file, cycles, two bases, a syntax error in a revision,
 *   a database at a revision no file has, `--verbose` on a graph error: script-revision-errors.test.ts;
 * - `upgrade` to a target behind current, `downgrade` to one ahead, unknown/ambiguous targets, a
 *   failing `op.execute` naming revision, op and SQL with the rollback: cli-workflow.test.ts
 *   (here: that those leave the version and history tables alone, and failures of other ops);
 * - config and loader errors as values (codes, file:line:col, masking): config-files.test.ts,
 *   load-module.test.ts, load-hook.test.ts, load-data-source.test.ts (here: the same through the CLI).
 *
 * Needs SQLite, PostgreSQL and MariaDB (a wrong password: the local PostgreSQL trusts every one).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DataSource } from 'typeorm';
import { createSqliteDatabase, DIALECTS, MYSQL_ADMIN_URL, PG_ADMIN_URL, sqliteFile, tableNames, versionRows, withConnection } from './helpers/databases';
import { createTableOp as create, projectPerTest, type CliResult, type TestProject } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';
import { widgetEntitySource } from './helpers/widget-entity';

beforeAll(() => ensureBuilt(), 120_000);

/**
 * Exit 1 and exactly one `error: …` line on stderr containing every fragment (stdout keeps only
 * the progress of revisions that did commit before a failure).
 */
function expectOneLine(result: CliResult, ...fragments: (string | RegExp)[]): string {
  expect(result.code).toBe(1);
  expect(result.stdout).not.toMatch(/error/i);
  const lines = result.stderr.replace(/\n$/, '').split('\n');
  expect(lines).toHaveLength(1);
  const line = lines[0]!;
  expect(line).toMatch(/^error: \S/);
  for (const fragment of fragments) {
    if (typeof fragment === 'string') expect(line).toContain(fragment);
    else expect(line).toMatch(fragment);
  }
  return line;
}

/** Every file under the project folder, relative (the transpile cache lives in the repo's node_modules). */
function files(project: TestProject): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [relative(project.dir, join(dir, e.name))]));
  return walk(project.dir).sort();
}

const entity = (body = '') => widgetEntitySource('widget', body);

describe('a config that is missing or wrong', () => {
  const project = projectPerTest(createSqliteDatabase, 'bad-config');

  test('missing config: where it looked and what to do; --config naming a missing file', async () => {
    const before = files(project);
    expectOneLine(await project.spawn('upgrade'), `no config found in ${project.dir}`, 'entity-migrate.config.{ts,mts,cts,js,mjs,cjs,json}', 'ormconfig.json', 'entity-migrate init');
    expectOneLine(await project.spawn('current', '-c', 'conf/prod.json'), 'config file conf/prod.json not found (given with --config)');
    expect(files(project)).toEqual(before);
    expect(existsSync(sqliteFile(project.db))).toBe(false);
  });

  test('config that is not valid JSON: file:line:col', async () => {
    project.write('entity-migrate.config.json', '{\n  "url": "${TEST_DATABASE_URL}",\n  "versionTable": "v"\n  "lockTimeout": 5\n}\n');
    const before = files(project);
    expectOneLine(await project.spawn('upgrade', 'head'), /^error: entity-migrate\.config\.json:4:3: invalid JSON: /);
    expectOneLine(await project.spawn('revision', '-m', 'x'), 'entity-migrate.config.json:4:3');
    expect(files(project)).toEqual(before);
    expect(existsSync(sqliteFile(project.db))).toBe(false);
  });

  test('a TypeScript config with a syntax error: file:line:col', async () => {
    project.write('entity-migrate.config.ts', "export default {\n  url: process.env.TEST_DATABASE_URL,\n  versionTable: 'v'\n  transactionMode: 'each',\n};\n");
    const before = files(project);
    expectOneLine(await project.spawn('upgrade'), /^error: entity-migrate\.config\.ts:4:3: /);
    expect(files(project)).toEqual(before);
    expect(existsSync(sqliteFile(project.db))).toBe(false);
  });

  test('a TypeScript config that throws: the file, the reason, the line', async () => {
    project.write('entity-migrate.config.ts', "const url = process.env.NOT_SET_ANYWHERE;\nif (!url) throw new Error('NOT_SET_ANYWHERE is required');\nexport default { url };\n");
    expectOneLine(await project.spawn('current'), 'entity-migrate.config.ts: NOT_SET_ANYWHERE is required (at entity-migrate.config.ts:2:17)');
  });

  test('unknown TypeORM type: named, with the supported ones', async () => {
    project.write('entity-migrate.config.json', '{ "type": "postgress", "host": "127.0.0.1", "database": "app" }');
    expectOneLine(await project.spawn('upgrade'), "entity-migrate.config.json: unsupported database type 'postgress'", 'supported: postgres');
    project.write('entity-migrate.config.json', '{ "type": "oracle", "host": "127.0.0.1" }');
    expectOneLine(await project.spawn('check'), "unsupported database type 'oracle'");
    expect(project.revisionFiles()).toEqual([]);
  });
});

describe('a database that refuses the connection', () => {
  const project = projectPerTest(createSqliteDatabase, 'bad-connection');
  beforeEach(() => {
    project.writeConfig({ entities: ['entities/*.ts'] });
    project.write('entities/widget.ts', entity());
  });

  /** No stack, no password (as written or decoded), the URL shown with `***`. */
  function expectMasked(result: CliResult, ...secrets: string[]): void {
    for (const secret of secrets) {
      expect(result.stderr).not.toContain(secret);
      expect(result.stdout).not.toContain(secret);
    }
  }

  test('unreachable host: host, port and database, password masked; nothing written', async () => {
    const url = 'postgres://postgres:pa%24%24-w0rd@127.0.0.1:1/app';
    const upgrade = await project.spawn('upgrade', '--url', url);
    expectOneLine(upgrade, 'cannot connect to postgres://postgres:***@127.0.0.1:1/app: ', 'ECONNREFUSED');
    expectMasked(upgrade, 'pa%24%24-w0rd', 'pa$$-w0rd');
    const revision = await project.start(['revision', '--autogenerate', '-m', 'x'], { DATABASE_URL: url }).done;
    expectOneLine(revision, 'cannot connect to postgres://postgres:***@127.0.0.1:1/app');
    expectMasked(revision, 'pa%24%24-w0rd', 'pa$$-w0rd');
    expect(project.revisionFiles()).toEqual([]);
  });

  test('unreachable host, an unencoded @ in the password: masked up to the last @, with and without --verbose', async () => {
    const url = 'postgres://postgres:p@ss@Tail@127.0.0.1:1/app';
    for (const verbose of [[], ['--verbose']]) {
      const upgrade = await project.spawn('upgrade', ...verbose, '--url', url);
      expect(upgrade.code).toBe(1);
      expect(upgrade.stderr.split('\n')[0]).toContain('cannot connect to postgres://postgres:***@127.0.0.1:1/app: ');
      expectMasked(upgrade, 'Tail', 'p@ss');
    }
  });

  describe('wrong password (MariaDB: the local PostgreSQL trusts every password)', () => {
    const user = `em_pw_${process.pid}`;
    const admin = () => new DataSource({ type: 'mariadb', url: MYSQL_ADMIN_URL });
    beforeAll(async () => {
      const ds = await admin().initialize();
      try {
        await ds.query(`CREATE USER '${user}'@'%' IDENTIFIED BY 'right-Pa55'`);
      } finally {
        await ds.destroy();
      }
    });
    afterAll(async () => {
      const ds = await admin().initialize();
      try {
        await ds.query(`DROP USER IF EXISTS '${user}'@'%'`);
      } finally {
        await ds.destroy();
      }
    });

    const host = new URL(MYSQL_ADMIN_URL).host;
    const database = new URL(MYSQL_ADMIN_URL).pathname.slice(1);

    test('in --url: the driver reason, the URL with ***, never the password', async () => {
      const result = await project.spawn('upgrade', '--url', `mysql://${user}:wr%40ng-Pa55@${host}/${database}`);
      expectOneLine(result, `cannot connect to mysql://${user}:***@${host}/${database}: `, `Access denied for user '${user}'`);
      expectMasked(result, 'wr%40ng-Pa55', 'wr@ng-Pa55', 'right-Pa55');
    });

    test('in --url with unencoded @s (p@ss@Tail): neither Tail nor p@ss is printed, not even with --verbose', async () => {
      for (const verbose of [[], ['--verbose']]) {
        const result = await project.spawn('upgrade', ...verbose, '--url', `mysql://${user}:p@ss@Tail@${host}/${database}`);
        expect(result.code).toBe(1);
        expect(result.stderr.split('\n')[0]).toContain(`cannot connect to mysql://${user}:***@${host}/${database}: Access denied for user '${user}'`);
        expectMasked(result, 'Tail', 'p@ss', 'right-Pa55');
      }
    });

    test('inline "password" option: not printed, not even with --verbose', async () => {
      const { hostname, port } = new URL(MYSQL_ADMIN_URL);
      project.write(
        'entity-migrate.config.json',
        JSON.stringify({ type: 'mariadb', host: hostname, port: Number(port || 3306), username: user, password: 'wr0ng-Pa55', database }),
      );
      const result = await project.spawn('current');
      // mariadb is shown with the mysql:// scheme, as URLs spell it.
      expectOneLine(result, `cannot connect to mysql://${user}@${host}/${database}: `, 'Access denied');
      expectMasked(result, 'wr0ng-Pa55');
      const verbose = await project.spawn('current', '--verbose');
      expect(verbose.code).toBe(1);
      expect(verbose.stderr).toMatch(/^\s+at .*:\d+/m); // the stack…
      expect(verbose.stderr).toContain('caused by: Error: Access denied'); // …and the driver's error
      expectMasked(verbose, 'wr0ng-Pa55');
    });

    test('--verbose with the password in the URL: the stack, masked', async () => {
      const result = await project.spawn('upgrade', '--verbose', '--url', `mariadb://${user}:wr0ng-Pa55@${host}/${database}`);
      expect(result.code).toBe(1);
      expect(result.stderr.split('\n')[0]).toBe(
        `error: cannot connect to mariadb://${user}:***@${host}/${database}: Access denied for user '${user}'@'${result.stderr.match(/@'([^']*)'/)?.[1]}' (using password: YES) [CONNECTION_FAILED]`,
      );
      expect(result.stderr).toMatch(/^\s+at .*:\d+/m);
      expectMasked(result, 'wr0ng-Pa55');
    });
  });

  test('PostgreSQL refuses the login (a role without LOGIN): password masked', async () => {
    const role = `em_nologin_${process.pid}`;
    const admin = await new DataSource({ type: 'postgres', url: PG_ADMIN_URL }).initialize();
    try {
      await admin.query(`CREATE ROLE ${role} NOLOGIN PASSWORD 'role-Pa55'`);
      const url = PG_ADMIN_URL.replace(/\/\/([^@/]*@)?/, `//${role}:role-Pa55@`);
      const result = await project.spawn('upgrade', '--url', url);
      expectOneLine(result, `cannot connect to ${url.replace('role-Pa55', '***')}: `, `role "${role}" is not permitted to log in`);
      expectMasked(result, 'role-Pa55');
    } finally {
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.destroy();
    }
  });
});

describe('entity files that fail to load', () => {
  const project = projectPerTest(createSqliteDatabase, 'bad-entities');
  beforeEach(() => {
    project.writeConfig({ entities: ['entities/*.ts'] });
  });

  async function expectNothingWritten(before: string[]): Promise<void> {
    expect(files(project)).toEqual(before);
    expect(project.revisionFiles()).toEqual([]);
    expect(existsSync(sqliteFile(project.db))).toBe(false); // never even connected
  }

  test('a syntax error: file:line:col for revision --autogenerate and check', async () => {
    project.write('entities/widget.ts', entity().replace('name!: string;', 'name!: string = ;'));
    const before = files(project);
    expectOneLine(await project.spawn('revision', '--autogenerate', '-m', 'widgets'), /^error: entities\/widget\.ts:9:19: Expression expected$/);
    expectOneLine(await project.spawn('check'), /^error: entities\/widget\.ts:9:19: /);
    await expectNothingWritten(before);
  });

  test('a throw at import time: the file, the reason and the line that threw', async () => {
    project.write('entities/widget.ts', entity("if (!process.env.WIDGET_SECRET) throw new Error('WIDGET_SECRET is not set');"));
    const before = files(project);
    const fragments = ['entities/widget.ts: WIDGET_SECRET is not set (at entities/widget.ts:2:39)'];
    expectOneLine(await project.spawn('revision', '--autogenerate', '-m', 'widgets'), ...fragments);
    expectOneLine(await project.spawn('check'), ...fragments);
    await expectNothingWritten(before);
  });

  test('an import that does not resolve names the entity file', async () => {
    project.write('entities/widget.ts', entity("import { Helper } from './no-such-helper';\nvoid Helper;"));
    const before = files(project);
    expectOneLine(await project.spawn('check'), 'entities/widget.ts', "'./no-such-helper'");
    await expectNothingWritten(before);
  });
});

describe.each(Object.entries(DIALECTS))('revisions and targets that fail, on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'bad-revisions');
  beforeEach(() => {
    project.writeConfig();
  });

  async function historyCount(): Promise<number> {
    const [row] = await withConnection(project.db, (ds) => ds.query('SELECT COUNT(*) AS n FROM entity_migrate_history'));
    return Number(row.n);
  }

  test('a target in the wrong direction leaves the version and history tables alone', async () => {
    project.writeRevision('aaaa00000001', null, create('alpha'), `await op.dropTable('alpha');`, 'alpha');
    project.writeRevision('bbbb00000002', 'aaaa00000001', create('beta'), `await op.dropTable('beta');`, 'beta');
    project.writeRevision('cccc00000003', 'bbbb00000002', create('gamma'), `await op.dropTable('gamma');`, 'gamma');
    expect((await project.spawn('upgrade', 'bbbb')).code).toBe(0);
    const before = { files: files(project), history: await historyCount() };
    expectOneLine(await project.spawn('upgrade', 'aaaa'), 'behind the current revision');
    expectOneLine(await project.spawn('downgrade', 'cccc'), 'ahead of the current revision');
    expect(await versionRows(project.db)).toEqual(['bbbb00000002']);
    expect({ files: files(project), history: await historyCount() }).toEqual(before);
    expect(await tableNames(project.db)).toEqual(['alpha', 'beta', 'entity_migrate_history', 'entity_migrate_version']);
  });

  test('a target that fails on a fresh database creates nothing in it', async () => {
    project.writeRevision('aaaa00000001', null, create('alpha'), `await op.dropTable('alpha');`, 'alpha');
    expectOneLine(await project.spawn('upgrade', 'ffff'), "No revision matches 'ffff'");
    expectOneLine(await project.spawn('downgrade', '-1'));
    expect(await tableNames(project.db)).toEqual([]);
  });

  test('--lock-timeout that is not a number is refused, not read as "wait forever"', async () => {
    project.writeRevision('aaaa00000001', null, create('alpha'), `await op.dropTable('alpha');`, 'alpha');
    expectOneLine(await project.spawn('upgrade', '--lock-timeout', 'soon'), '--lock-timeout');
    expect(await tableNames(project.db)).toEqual([]);
  });

  test('a failing op names the revision, the op and the SQL; upgrade and downgrade', async () => {
    project.writeRevision('aaaa00000001', null, create('alpha'), `await op.dropTable('alpha');`, 'alpha');
    // Creates alpha again: the database refuses TypeORM's CREATE TABLE.
    project.writeRevision('bbbb00000002', 'aaaa00000001', create('beta') + '\n  ' + create('alpha'), `await op.dropTable('beta');`, 'twice');
    const up = expectOneLine(
      await project.spawn('upgrade', 'head'),
      `Revision bbbb00000002 (${join('migrations', 'versions', 'bbbb00000002_twice.ts')}) failed during upgrade in op.createTable(alpha): `,
      /already exists; SQL: CREATE TABLE "alpha" \(/,
    );
    expect(up).not.toMatch(/SQL:.*SQL:/);
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
    expect(await tableNames(project.db)).toEqual(['alpha', 'entity_migrate_history', 'entity_migrate_version']); // beta rolled back

    // A seed whose rows break the primary key: op.bulkInsert and its INSERT.
    project.remove('migrations/versions/bbbb00000002_twice.ts');
    project.writeRevision('bbbb00000002', 'aaaa00000001', `await op.bulkInsert('alpha', [{ id: 1 }, { id: 1 }]);`, `await op.bulkDelete('alpha', [{ id: 1 }]);`, 'seed');
    expectOneLine(await project.spawn('upgrade', 'head'), 'Revision bbbb00000002', 'failed during upgrade in op.bulkInsert(alpha): ', /; SQL: INSERT INTO "alpha"/);
    expect(await withConnection(project.db, (ds) => ds.query('SELECT id FROM alpha'))).toEqual([]);

    // A downgrade whose op fails.
    project.remove('migrations/versions/bbbb00000002_seed.ts');
    project.writeRevision('bbbb00000002', 'aaaa00000001', create('beta'), `await op.execute('DROP TABLE no_such_table');`, 'bad down');
    expect((await project.spawn('upgrade', 'head')).code).toBe(0);
    expectOneLine(await project.spawn('downgrade', 'base'), 'Revision bbbb00000002', 'failed during downgrade in op.execute(', 'SQL: DROP TABLE no_such_table');
    expect(await versionRows(project.db)).toEqual(['bbbb00000002']);
    expect(await tableNames(project.db)).toContain('beta');
  });
});
