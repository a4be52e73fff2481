/**
 * Config files as users write them: lookup order, every format, ${VAR}, URL precedence, and the
 * one-line errors for what goes wrong. No database (files in a temporary folder; ES module
 * configs load in a plain Node process).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDatabaseUrl } from '../src/config/database-url';
import { findConfig } from '../src/config/find-config';
import { describeTarget, maskUrl } from '../src/config/mask-url';
import { loadConfig } from '../src/load/read-config';
import { ConfigError } from '../src/errors';
import { SQLITE_DRIVER } from './helpers/databases';
import { writeFile } from './helpers/files';
import { rejection } from './helpers/rejection';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'em-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => writeFile(dir, name, text);

const load = (extra: Parameters<typeof loadConfig>[0] = {}) => loadConfig({ cwd: dir, env: {}, ...extra });

describe('the lookup order', () => {
  test('entity-migrate.config.ts beats .js, .json and ormconfig.json', async () => {
    write('entity-migrate.config.ts', "export default { migrationsDir: 'from-ts' };\n");
    write('entity-migrate.config.js', "module.exports = { migrationsDir: 'from-js' };\n");
    write('entity-migrate.config.json', '{ "migrationsDir": "from-json" }');
    write('ormconfig.json', '{ "entityMigrate": { "migrationsDir": "from-orm" } }');
    expect(findConfig({ cwd: dir }).file).toBe(join(dir, 'entity-migrate.config.ts'));
    expect((await load()).migrationsDir).toBe(join(dir, 'from-ts'));
    rmSync(join(dir, 'entity-migrate.config.ts'));
    expect((await load()).migrationsDir).toBe(join(dir, 'from-js'));
    rmSync(join(dir, 'entity-migrate.config.js'));
    expect((await load()).migrationsDir).toBe(join(dir, 'from-json'));
    rmSync(join(dir, 'entity-migrate.config.json'));
    expect((await load()).migrationsDir).toBe(join(dir, 'from-orm'));
  });

  test('-c wins over everything, relative to the cwd; paths are relative to that file', async () => {
    write('entity-migrate.config.json', '{ "migrationsDir": "here" }');
    write('conf/prod.json', '{ "migrationsDir": "db" }');
    const config = await load({ configPath: 'conf/prod.json' });
    expect(config.configFile).toBe(join(dir, 'conf/prod.json'));
    expect(config.rootDir).toBe(join(dir, 'conf'));
    expect(config.migrationsDir).toBe(join(dir, 'conf/db'));
    expect(config.versionsDir).toBe(join(dir, 'conf/db/versions'));
  });

  test('nothing found: one line naming where it looked and suggesting init', async () => {
    const error = await rejection(load());
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe('CONFIG_NOT_FOUND');
    expect(error.message).toContain(dir);
    expect(error.message).toContain('entity-migrate.config.{ts,mts,cts,js,mjs,cjs,json}');
    expect(error.message).toContain('ormconfig.json');
    expect(error.message).toContain('entity-migrate init');
    expect(error.message).not.toContain('\n');
    expect((await rejection(load({ configPath: 'missing.ts' }))).code).toBe('CONFIG_NOT_FOUND');
  });
});

describe('every config format', () => {
  test('an empty config gets the defaults', async () => {
    write('entity-migrate.config.json', '{}');
    expect(await load()).toEqual({
      configFile: join(dir, 'entity-migrate.config.json'),
      rootDir: dir,
      cwd: dir,
      migrationsDir: join(dir, 'migrations'),
      versionsDir: join(dir, 'migrations/versions'),
      templatesDir: join(dir, 'migrations/templates'),
      versionTable: 'entity_migrate_version',
      historyTable: 'entity_migrate_history',
      transactionMode: 'each',
      postWriteHooks: [],
      lockTimeout: 60000,
      strictNames: false,
      largeTableRows: 100_000,
      ddlLockTimeout: 5_000,
      ddlRetries: 3,
      online: false,
    });
  });

  test('TypeScript: default export of an async function, with type annotations', async () => {
    write('entity-migrate.config.ts', [
      "import type { EntityMigrateConfig } from '../src/config/types';",
      "const mode: 'all' = 'all';",
      'export default async (): Promise<EntityMigrateConfig> => ({',
      "  type: 'better-sqlite3', database: ':memory:', entities: ['src/entities/*.ts'],",
      '  transactionMode: mode, lockTimeout: 5000, postWriteHooks: ["prettier"],',
      '});',
    ].join('\n').replace('../src', join(__dirname, '../src')));
    const config = await load();
    expect(config).toMatchObject({ transactionMode: 'all', lockTimeout: 5000, postWriteHooks: ['prettier'] });
    expect(config.dataSourceOptions).toEqual({ type: 'better-sqlite3', database: ':memory:', entities: ['src/entities/*.ts'] });
  });

  test('ES modules: .mjs, and .js in a "type": "module" package (plain Node: jest has no ESM here)', () => {
    const run = () =>
      JSON.parse(
        execFileSync(process.execPath, [join(__dirname, 'fixtures/load/run-src.js'), join(__dirname, 'fixtures/config/print-config.ts'), dir], {
          encoding: 'utf8',
        }),
      ) as { historyTable?: string; error?: string };
    write('entity-migrate.config.mjs', "const table = await Promise.resolve('h');\nexport default { historyTable: table };\n");
    expect(run()).toMatchObject({ historyTable: 'h' });
    rmSync(join(dir, 'entity-migrate.config.mjs'));
    write('package.json', '{ "type": "module" }');
    write('entity-migrate.config.js', "export default async () => ({ historyTable: 'esm_js' });\n");
    expect(run()).toMatchObject({ historyTable: 'esm_js' });
  });

  test('CommonJS .cjs and dataSource path without extension', async () => {
    write('src/data-source.ts', 'export default {};\n');
    write('entity-migrate.config.cjs', "module.exports = { dataSource: './src/data-source' };\n");
    expect((await load()).dataSourceModule).toBe(join(dir, 'src/data-source.ts'));
  });

  test('ormconfig.json: TypeORM keys are the connection, ours sit under "entityMigrate"', async () => {
    write('ormconfig.json', JSON.stringify({ type: 'postgres', url: '${DB:-postgres://localhost/app}', name: 'default', entityMigrate: { versionTable: 'schema_version' } }));
    const config = await load();
    expect(config.versionTable).toBe('schema_version');
    expect(config.dataSourceOptions).toEqual({ type: 'postgres', url: 'postgres://localhost/app' });
  });

  test('the shipped ormconfig.example.json reads', async () => {
    const config = await loadConfig({ cwd: join(__dirname, '..'), configPath: 'ormconfig.example.json', env: {} });
    expect(config.dataSourceOptions).toMatchObject({ type: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/blog' });
  });
});

describe('${VAR} in JSON', () => {
  test('variables, defaults, escapes; only in values', async () => {
    write('entity-migrate.config.json', JSON.stringify({
      type: 'postgres',
      url: 'postgres://${PGUSER}:${PGPASS}@${PGHOST:-localhost}:${PGPORT:-5432}/app',
      port: '${PORT}',
      schema: '$${literal}',
      versionTable: '${TABLE:-ver}',
    }));
    const config = await load({ env: { PGUSER: 'me', PGPASS: 'pw', PORT: '6543', TABLE: '' } });
    expect(config.dataSourceOptions).toMatchObject({ url: 'postgres://me:pw@localhost:5432/app', port: 6543, schema: '${literal}' });
    expect(config.versionTable).toBe('ver');
  });

  test('an unset variable without default names the variable, the key and the file', async () => {
    write('entity-migrate.config.json', '{ "type": "postgres", "url": "${DATABASE_URL}" }');
    const error = await rejection(load());
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/entity-migrate\.config\.json: environment variable DATABASE_URL is not set \(used in "url"\)/);
  });

  test('with --url, the connection keys\' variables need not be set; the others still must', async () => {
    write('entity-migrate.config.json', '{ "type": "postgres", "url": "${DB_URL}", "password": "${DB_PASSWORD}", "versionTable": "${TABLE}" }');
    expect((await rejection(load({ url: 'sqlite::memory:' }))).message).toMatch(/environment variable TABLE is not set \(used in "versionTable"\)/);
    const config = await load({ url: 'sqlite::memory:', env: { TABLE: 'v' } });
    expect(config.urlOverride).toEqual({ url: 'sqlite::memory:', from: '--url' });
    expect(config.dataSourceOptions).toEqual({ type: 'postgres', url: '', password: '' });
  });
});

describe('config errors, one line each', () => {
  test('invalid JSON: file:line:col', async () => {
    write('entity-migrate.config.json', '{\n  "migrationsDir": "db",\n  "versionTable": "v"\n  "lockTimeout": 5\n}\n');
    const error = await rejection(load());
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/entity-migrate\.config\.json:4:3: invalid JSON: /);
    write('entity-migrate.config.json', '{ "a": ');
    expect((await rejection(load())).message).toMatch(/entity-migrate\.config\.json:1:8: invalid JSON/);
  });

  test.each([
    ['{ "transactionMode": "some" }', /"transactionMode" must be one of 'each', 'all', 'none', got "some"/],
    ['{ "lockTimeout": "soon" }', /"lockTimeout" must be a number of milliseconds/],
    ['{ "postWriteHooks": "prettier" }', /"postWriteHooks" must be a list/],
    ['{ "versionTable": "drop table; x" }', /"versionTable" must be a table name/],
    ['{ "strictNames": "yes" }', /"strictNames" must be true or false, got "yes"/],
    ['{ "migrationDir": "db" }', /unknown option "migrationDir" \(did you mean "migrationsDir"\?\)/],
    ['{ "dataSource": "./nope.ts" }', /"dataSource" file \.\/nope\.ts not found/],
    ['{ "dataSource": "./x.ts", "type": "postgres" }', /both "dataSource" and inline TypeORM options \(type\)/],
    ['[1]', /expected an object, got an array/],
  ])('%s', async (json, message) => {
    write('entity-migrate.config.json', json);
    const error = await rejection(load());
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/^entity-migrate\.config\.json: /);
    expect(error.message).toMatch(message);
  });

  test('a TS config with a syntax error reports file:line:col', async () => {
    write('entity-migrate.config.ts', "export default {\n  migrationsDir: 'db'\n  versionTable: 'v',\n};\n");
    const error = await rejection(load());
    expect(error.code).toBe('LOAD_FAILED');
    expect(error.message).toMatch(/entity-migrate\.config\.ts:3:3: /);
  });

  test('a TS config that throws names the file', async () => {
    write('entity-migrate.config.ts', "throw new Error('no env');\nexport default {};\n");
    const error = await rejection(load());
    expect(error.code).toBe('LOAD_FAILED');
    expect(error.message).toMatch(/entity-migrate\.config\.ts: no env/);
  });

  test('a default export that is not an object is refused', async () => {
    write('entity-migrate.config.js', 'module.exports = 42;\n');
    expect((await rejection(load())).message).toMatch(/default export must be a config object/);
  });
});

describe('--url and DATABASE_URL override the config', () => {
  test('--url beats DATABASE_URL beats the config', async () => {
    write('entity-migrate.config.json', '{ "type": "postgres", "url": "postgres://config/db" }');
    expect((await load()).urlOverride).toBeUndefined();
    expect((await load({ env: { DATABASE_URL: 'postgres://env/db' } })).urlOverride).toEqual({ url: 'postgres://env/db', from: 'DATABASE_URL' });
    expect((await load({ env: { DATABASE_URL: 'postgres://env/db' }, url: 'sqlite:x.db' })).urlOverride).toEqual({ url: 'sqlite:x.db', from: '--url' });
    expect((await load({ env: { DATABASE_URL: '' } })).urlOverride).toBeUndefined();
  });

  test.each([
    ['postgres://u:p@h:5432/db', { type: 'postgres', url: 'postgres://u:p@h:5432/db' }],
    ['postgresql://h/db', { type: 'postgres', url: 'postgresql://h/db' }],
    ['mysql://root@h/db', { type: 'mysql', url: 'mysql://root@h/db' }],
    ['mariadb://root@h/db', { type: 'mariadb', url: 'mariadb://root@h/db' }],
    ['sqlite:/abs/app.db', { type: SQLITE_DRIVER, database: '/abs/app.db' }],
    ['sqlite:rel/app.db', { type: SQLITE_DRIVER, database: '/work/rel/app.db' }],
    ['sqlite:///abs/app.db', { type: SQLITE_DRIVER, database: '/abs/app.db' }],
    ['sqlite::memory:', { type: SQLITE_DRIVER, database: ':memory:' }],
    ['file:///abs/my%20app.db', { type: SQLITE_DRIVER, database: '/abs/my app.db' }],
    ['file:app.db', { type: SQLITE_DRIVER, database: '/work/app.db' }],
  ])('%s', (url, expected) => {
    expect(parseDatabaseUrl(url, '/work')).toEqual(expected);
  });

  test('an unknown scheme is named, without the password', () => {
    expect(() => parseDatabaseUrl('mongodb://u:secret@h/db', '/work', '--url')).toThrow(/^--url mongodb:\/\/u:\*\*\*@h\/db: unsupported scheme 'mongodb:'/);
  });
});

describe('passwords in what is shown', () => {
  test('maskUrl and describeTarget never show a password', () => {
    expect(maskUrl('postgres://user:secret@host:5432/db')).toBe('postgres://user:***@host:5432/db');
    expect(maskUrl('postgres://user@host/db')).toBe('postgres://user@host/db');
    expect(maskUrl('sqlite:/x.db')).toBe('sqlite:/x.db');
    expect(describeTarget({ type: 'postgres', host: 'h', port: 5432, username: 'u', password: 'pw', database: 'd' } as never)).toBe('postgres://u@h:5432/d');
    expect(describeTarget({ type: 'better-sqlite3', database: 'blog.sqlite' })).toBe('better-sqlite3 blog.sqlite');
  });
});
