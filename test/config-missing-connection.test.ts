/**
 * Config: when nothing says where the database is, the error names the missing variable or key
 * and the file, instead of TypeORM quietly trying localhost with default names. Never a password.
 * Built CLI; needs SQLite and PostgreSQL (the server on 127.0.0.1:5432 is up, so a silent
 * localhost default would connect).
 */
import { existsSync } from 'node:fs';
import { createPostgresDatabase, createSqliteDatabase, sqliteFile, tableNames } from './helpers/databases';
import { projectPerTest, type CliResult, type TestProject } from './helpers/project';
import { ensureBuilt, runCli } from './helpers/spawn-cli';

beforeAll(() => ensureBuilt(), 120_000);

/** The environment of the test run, minus anything that would supply a connection. */
const CLEAN_ENV = { DATABASE_URL: '', PGHOST: '', PGDATABASE: '', EM_DB_URL: '', EM_SQLITE_FILE: '' };

function cli(project: TestProject, ...args: string[]): Promise<CliResult> {
  return runCli(args, { cwd: project.dir, env: CLEAN_ENV });
}

function expectOneLine(result: CliResult, expected: string): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(`error: ${expected}\n`);
}

describe('no SQLite database file configured', () => {
  const project = projectPerTest(createSqliteDatabase, 'no-conn-sqlite');

  test('JSON config: ${VAR} unset names the variable and the key', async () => {
    project.write('entity-migrate.config.json', '{ "type": "better-sqlite3", "database": "${EM_SQLITE_FILE}" }');
    expectOneLine(
      await runCli(['current'], { cwd: project.dir, env: { ...CLEAN_ENV, EM_SQLITE_FILE: undefined } }),
      'entity-migrate.config.json: environment variable EM_SQLITE_FILE is not set (used in "database"); set it or write ${EM_SQLITE_FILE:-default}',
    );
  });

  test('JSON config: ${VAR:-} empty names the key', async () => {
    project.write('entity-migrate.config.json', '{ "type": "better-sqlite3", "database": "${EM_SQLITE_FILE:-}" }');
    expectOneLine(
      await cli(project, 'upgrade'),
      `entity-migrate.config.json: no SQLite database file: "database" is empty (an unset environment variable?); set "database" (a file, or ':memory:'), or pass --url sqlite:<file> / DATABASE_URL`,
    );
  });

  test('TS config: url: process.env.X undefined, no type', async () => {
    project.write('entity-migrate.config.ts', 'export default { url: process.env.EM_DB_URL };\n');
    expectOneLine(
      await runCli(['current'], { cwd: project.dir, env: { ...CLEAN_ENV, EM_DB_URL: undefined } }),
      'entity-migrate.config.ts: no database configured: "url" is undefined (an unset environment variable?) and "type" is not set; set "dataSource", or "type"/"url", or pass --url / DATABASE_URL',
    );
  });

  test('data-source module: database: process.env.X undefined names the key and the module', async () => {
    project.write('entity-migrate.config.json', '{ "dataSource": "./src/db.ts" }');
    project.write('src/db.ts', "export default { type: 'better-sqlite3', database: process.env.EM_SQLITE_FILE };\n");
    expectOneLine(
      await runCli(['upgrade'], { cwd: project.dir, env: { ...CLEAN_ENV, EM_SQLITE_FILE: undefined } }),
      `src/db.ts: no SQLite database file: "database" is undefined (an unset environment variable?); set "database" (a file, or ':memory:'), or pass --url sqlite:<file> / DATABASE_URL`,
    );
    // --url supplies what is missing.
    expect(await runCli(['current', '--url', project.db.url], { cwd: project.dir, env: CLEAN_ENV })).toMatchObject({ code: 0 });
    expect(existsSync(sqliteFile(project.db))).toBe(true);
  });
});

describe('no PostgreSQL database configured', () => {
  const project = projectPerTest(createPostgresDatabase, 'no-conn-pg');

  test('TS data source with url: process.env.DB_URL undefined and no host/database', async () => {
    project.write('entity-migrate.config.ts', "export default { dataSource: './src/data-source.ts' };\n");
    project.write(
      'src/data-source.ts',
      "import { DataSource } from 'typeorm';\nexport const AppDataSource = new DataSource({ type: 'postgres', url: process.env.EM_DB_URL, password: 'hunter2-secret' });\n",
    );
    const result = await runCli(['upgrade'], { cwd: project.dir, env: { ...CLEAN_ENV, EM_DB_URL: undefined } });
    expectOneLine(
      result,
      'src/data-source.ts: no postgres database to connect to: "url" is undefined (an unset environment variable?), "host" and "database" are not set; set "url" or "host" and "database", or pass --url / DATABASE_URL',
    );
    expect(result.stderr).not.toContain('hunter2');
  });

  test('ormconfig.json with host and database missing, a password given', async () => {
    project.write('ormconfig.json', JSON.stringify({ type: 'postgres', username: 'postgres', password: 'hunter2-secret', entityMigrate: {} }));
    const result = await cli(project, 'check');
    expectOneLine(
      result,
      'ormconfig.json: no postgres database to connect to: "url", "host", "database" are not set; set "url" or "host" and "database", or pass --url / DATABASE_URL',
    );
    expect(result.stderr + result.stdout).not.toContain('hunter2');
    expect(project.revisionFiles()).toEqual([]);
    expect(await tableNames(project.db)).toEqual([]);
  });

  // Found on a NestJS boilerplate: with DB_DATABASE missing from .env, `current` connected to the
  // server's `postgres` database and reported it at base; `upgrade head` would have migrated it.
  test('a host with database: process.env.X unset or empty is refused, naming the key and the module', async () => {
    project.write('entity-migrate.config.ts', "export default { dataSource: './src/data-source.ts' };\n");
    project.write(
      'src/data-source.ts',
      "import { DataSource } from 'typeorm';\nexport const AppDataSource = new DataSource({ type: 'postgres', host: '127.0.0.1', username: 'postgres', password: 'hunter2-secret', database: process.env.EM_DB_NAME });\n",
    );
    const expected = (kind: string) =>
      `src/data-source.ts: no postgres database named: "database" is ${kind} (an unset environment variable?), so the server's default database would be used; set "database", or pass --url / DATABASE_URL`;
    const unset = await runCli(['current'], { cwd: project.dir, env: { ...CLEAN_ENV, EM_DB_NAME: undefined } });
    expectOneLine(unset, expected('undefined'));
    expect(unset.stderr).not.toContain('hunter2');
    project.write('.env', 'EM_DB_NAME=\n');
    expectOneLine(await runCli(['upgrade', 'head'], { cwd: project.dir, env: { ...CLEAN_ENV, EM_DB_NAME: undefined } }), expected('empty'));
    // Set, it connects; PGDATABASE also names it, as in libpq.
    const database = project.db.url.replace(/^.*\//, '');
    project.write('.env', `EM_DB_NAME=${database}\n`);
    expect(await runCli(['current'], { cwd: project.dir, env: { ...CLEAN_ENV, EM_DB_NAME: undefined } })).toMatchObject({ code: 0 });
    project.write('.env', '');
    expect(await runCli(['current'], { cwd: project.dir, env: { ...CLEAN_ENV, EM_DB_NAME: undefined, PGDATABASE: database } })).toMatchObject({ code: 0 });
  });

  test('DATABASE_URL from the .env beside the config supplies the connection', async () => {
    project.write('ormconfig.json', JSON.stringify({ type: 'postgres', entityMigrate: {} }));
    project.write('.env', `DATABASE_URL=${project.db.url}\n`);
    expect(await runCli(['current'], { cwd: project.dir, env: { ...CLEAN_ENV, DATABASE_URL: undefined } })).toMatchObject({ code: 0 });
  });

  test('PGHOST/PGDATABASE count as settings, as in libpq', async () => {
    project.write('entity-migrate.config.json', '{ "type": "postgres", "username": "postgres" }');
    const database = project.db.url.replace(/^.*\//, '');
    const result = await runCli(['current'], { cwd: project.dir, env: { ...CLEAN_ENV, PGHOST: '127.0.0.1', PGDATABASE: database } });
    expect(result).toMatchObject({ code: 0 });
  });
});
