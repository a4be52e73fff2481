/**
 * One settings path (config/settings.ts): a setting given in a config file, in code
 * (`createMigrator` / `new Migrator`) or as a flag is checked by the same rule and refused with the
 * same one line, naming where it came from. Database-free.
 */
import { resolveConfig } from '../../src/config/resolve-config';
import { DEFAULTS, lockTimeoutFlag, settingsFromCode } from '../../src/config/settings';
import { createMigrator, Migrator } from '../../src';

const cwd = '/tmp/entity-migrate-settings';

test('a setting left out gets its one default, from a config file and from code alike', () => {
  const fromFile = resolveConfig({}, { cwd, configFile: `${cwd}/entity-migrate.config.json`, env: {} });
  const fromCode = settingsFromCode({ cwd }, 'createMigrator()');
  for (const settings of [fromFile, fromCode]) {
    expect(settings.lockTimeout).toBe(DEFAULTS.lockTimeout);
    expect(settings.versionTable).toBe(DEFAULTS.versionTable);
    expect(settings.historyTable).toBe(DEFAULTS.historyTable);
    expect(settings.transactionMode).toBe(DEFAULTS.transactionMode);
    expect(settings.migrationsDir).toBe(`${cwd}/${DEFAULTS.migrationsDir}`);
  }
});

test('a bad lockTimeout gets the same message in a config file, in code and as a flag', async () => {
  const rule = '"lockTimeout" must be a number of milliseconds >= 0, got -5';
  expect(() => resolveConfig({ lockTimeout: -5 }, { cwd, configFile: `${cwd}/entity-migrate.config.json`, env: {} })).toThrow(`entity-migrate.config.json: ${rule}`);
  await expect(createMigrator({ dataSource: { type: 'better-sqlite3', database: ':memory:' }, lockTimeout: -5, cwd })).rejects.toThrow(`createMigrator(): ${rule}`);
  expect(() => new Migrator({ dataSource: { type: 'better-sqlite3', database: ':memory:' }, lockTimeout: -5, cwd })).toThrow(`new Migrator(): ${rule}`);
  expect(() => lockTimeoutFlag(-1)).toThrow('--lock-timeout must be a number of seconds >= 0, got -1');
  expect(lockTimeoutFlag(2)).toBe(2000);
});

test('a table name that is not one is refused in code as in a config file', () => {
  expect(() => new Migrator({ dataSource: { type: 'better-sqlite3', database: ':memory:' }, versionTable: 'drop table; x', cwd })).toThrow(
    /^new Migrator\(\): "versionTable" must be a table name/,
  );
});
