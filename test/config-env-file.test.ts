/**
 * Config: `.env` files as Prisma, MikroORM and Nest users expect them: beside the config by default,
 * `envFile` in the config, `--env-file` on the command line; loaded before the config is evaluated
 * (TS configs read `process.env` at import time) and before `${VAR}`; never overriding a variable
 * that is already set; silent. Built CLI; needs SQLite and PostgreSQL.
 */
import { loadConfig } from '../src/load/read-config';
import { createSqliteDatabase, DIALECTS, sqliteFile, tableNames, versionRows } from './helpers/databases';
import { createTableOp, projectPerTest, type CliResult, type TestProject } from './helpers/project';
import { rejection } from './helpers/rejection';
import { ensureBuilt, runCli } from './helpers/spawn-cli';

beforeAll(() => ensureBuilt(), 120_000);

/** `entity-migrate …args` in `cwd` (default: the project), with only `env` added to the environment. */
function cli(project: TestProject, args: string[], env: NodeJS.ProcessEnv = {}, cwd = project.dir): Promise<CliResult> {
  return runCli(args, { cwd, env });
}

const createWidget = createTableOp('widget');

function expectNoDotenvChatter(result: CliResult): void {
  expect(result.stdout + result.stderr).not.toMatch(/dotenv|injecting/i);
}

describe.each(Object.entries(DIALECTS))('.env beside the config, and --env-file, on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'env-file');
  beforeEach(() => {
    project.writeRevision('aaaa00000001', null, createWidget, `await op.dropTable('widget');`, 'widget');
  });

  test('a JSON config: .env beside it fills ${VAR}', async () => {
    project.write('entity-migrate.config.json', '{ "url": "${EM_ENV_TEST_URL}" }');
    project.write('.env', `# the app's settings\nEM_ENV_TEST_URL=${project.db.url}\n`);
    const result = await cli(project, ['upgrade']);
    expect(result).toMatchObject({ code: 0 });
    expectNoDotenvChatter(result);
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
  });

  test('a TS config reading process.env at import time sees .env beside it', async () => {
    project.write(
      'entity-migrate.config.ts',
      "const url = process.env.EM_ENV_TEST_URL;\nif (!url) throw new Error('EM_ENV_TEST_URL is not set');\nexport default { url };\n",
    );
    project.write('.env', `EM_ENV_TEST_URL="${project.db.url}"\n`);
    const result = await cli(project, ['upgrade']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await tableNames(project.db)).toContain('widget');
  });

  test('a variable already set in the environment wins over .env', async () => {
    project.write('entity-migrate.config.json', '{ "url": "${EM_ENV_TEST_URL}" }');
    project.write('.env', 'EM_ENV_TEST_URL=postgres://wrong:secret@127.0.0.1:1/wrong\n');
    const result = await cli(project, ['upgrade'], { EM_ENV_TEST_URL: project.db.url });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
  });

  test('--env-file, relative to the cwd, replaces the default .env', async () => {
    project.write('entity-migrate.config.json', '{ "url": "${EM_ENV_TEST_URL}" }');
    project.write('.env', 'EM_ENV_TEST_URL=postgres://wrong@127.0.0.1:1/wrong\n');
    project.write('deploy/test.env', `EM_ENV_TEST_URL=${project.db.url}\n`);
    const result = await cli(project, ['upgrade', '--env-file', 'test.env', '-c', '../entity-migrate.config.json'], {}, `${project.dir}/deploy`);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(await versionRows(project.db)).toEqual(['aaaa00000001']);
  });
});

describe('"envFile" in the config, and env files that are missing', () => {
  const project = projectPerTest(createSqliteDatabase, 'env-file-key');

  test('"envFile" in a JSON config, relative to the config file, replaces the default .env', async () => {
    project.write('conf/entity-migrate.config.json', '{ "envFile": "../env/dev.env", "url": "${EM_URL}", "versionTable": "${EM_TABLE:-v}" }');
    project.write('conf/.env', 'EM_URL=sqlite:wrong.db\n');
    project.write('env/dev.env', 'EM_URL=sqlite:dev.db\nEM_TABLE=dev_version\n');
    const env: NodeJS.ProcessEnv = {};
    const config = await loadConfig({ cwd: project.dir, configPath: 'conf/entity-migrate.config.json', env });
    expect(config.dataSourceOptions).toEqual({ url: 'sqlite:dev.db' });
    expect(config.versionTable).toBe('dev_version');
    expect(config.envFile).toBe(`${project.dir}/env/dev.env`);
    expect(env).toEqual({ EM_URL: 'sqlite:dev.db', EM_TABLE: 'dev_version' });
  });

  test('"envFile" in ormconfig.json sits under "entityMigrate"', async () => {
    project.write('ormconfig.json', '{ "type": "postgres", "url": "${EM_URL}", "entityMigrate": { "envFile": "db.env" } }');
    project.write('db.env', 'EM_URL=postgres://app@db/app\n');
    const config = await loadConfig({ cwd: project.dir, env: {} });
    expect(config.dataSourceOptions).toEqual({ type: 'postgres', url: 'postgres://app@db/app' });
  });

  test('"envFile" in a TS config is loaded before the data-source module is imported', async () => {
    project.write('entity-migrate.config.ts', "export default { envFile: 'local.env', dataSource: './db.ts' };\n");
    project.write('local.env', `EM_DB_FILE=${sqliteFile(project.db)}\n`);
    project.write('db.ts', "export default { type: 'better-sqlite3', database: process.env.EM_DB_FILE };\n");
    project.writeRevision('aaaa00000001', null, createWidget, '', 'widget');
    const result = await cli(project, ['upgrade']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(await tableNames(project.db)).toContain('widget');
  });

  test('an explicit env file that does not exist is an error; a missing default .env is not', async () => {
    project.writeConfig();
    // In-process: Node 20/22 itself reads a script argument `--env-file MISSING` and exits 9 with
    // "node: MISSING: not found" before our code runs (nodejs/node#54232).
    const missingFlag = await project.cli('current', '--env-file', 'nope.env');
    expect(missingFlag).toMatchObject({ code: 1, stderr: 'error: env file nope.env not found (given with --env-file)\n' });
    project.write('entity-migrate.config.json', '{ "url": "${TEST_DATABASE_URL}", "envFile": "conf/missing.env" }');
    const missingKey = await cli(project, ['current'], { TEST_DATABASE_URL: project.db.url });
    expect(missingKey).toMatchObject({
      code: 1,
      stderr: 'error: env file conf/missing.env not found (given with "envFile" in entity-migrate.config.json)\n',
    });
    project.writeConfig();
    expect(await cli(project, ['current'], { TEST_DATABASE_URL: project.db.url })).toMatchObject({ code: 0 });
  });

  test('"envFile" must be a string', async () => {
    project.write('entity-migrate.config.json', '{ "envFile": 3 }');
    const error = await rejection(loadConfig({ cwd: project.dir, env: {} }));
    expect(error.message).toBe('entity-migrate.config.json: "envFile" must be a path (relative to the config file), got 3');
  });
});
