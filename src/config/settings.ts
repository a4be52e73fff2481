/**
 * Our settings in one place: each one's default (`DEFAULTS`) and check (`CHECKS`). A config file
 * (resolve-config.ts), code (`createMigrator` / `new Migrator`, via `settingsFromCode`) and
 * `--lock-timeout` all go through here, so a bad value gets the same one-line message wherever it
 * was given, prefixed with where that was: `entity-migrate.config.json: "lockTimeout" must be …`,
 * `createMigrator(): "lockTimeout" must be …`, `--lock-timeout must be …`.
 */
import { resolve } from 'node:path';
import { ConfigError } from '../errors';
import type { CodeSettings, ResolvedSettings, SettingsOptions, TransactionMode } from './types';

export const DEFAULTS = {
  migrationsDir: 'migrations',
  versionTable: 'entity_migrate_version',
  historyTable: 'entity_migrate_history',
  transactionMode: 'each' as TransactionMode,
  postWriteHooks: [] as readonly string[],
  lockTimeout: 60_000,
  strictNames: false,
  largeTableRows: 100_000,
  ddlLockTimeout: 5_000,
  ddlRetries: 3,
  online: false,
};

/** What is wrong with a value, as `must be …, got …`; undefined when it is fine. */
type Check = (value: unknown) => string | undefined;

const TRANSACTION_MODES: readonly TransactionMode[] = ['each', 'all', 'none'];
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/;

const nonEmptyString: Check = (value) =>
  typeof value === 'string' && value.trim() !== '' ? undefined : `must be a non-empty string, got ${describe(value)}`;

const tableName =
  (example: string): Check =>
  (value) =>
    nonEmptyString(value) ??
    (TABLE_NAME.test(value as string) ? undefined : `must be a table name like ${example} or schema.${example}, got "${value as string}"`);

const transactionMode: Check = (value) =>
  nonEmptyString(value) ??
  (TRANSACTION_MODES.includes(value as TransactionMode)
    ? undefined
    : `must be one of ${TRANSACTION_MODES.map((m) => `'${m}'`).join(', ')}, got "${value as string}"`);

const commands: Check = (value) =>
  Array.isArray(value) && value.every((h) => typeof h === 'string' && h.trim() !== '')
    ? undefined
    : `must be a list of commands (strings), got ${describe(value)}`;

const nonNegativeNumber =
  (unit: 'milliseconds' | 'seconds'): Check =>
  (value) =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 ? undefined : `must be a number of ${unit} >= 0, got ${describe(value)}`;

const count: Check = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? undefined : `must be a whole number >= 0, got ${describe(value)}`;

const flag: Check = (value) => (typeof value === 'boolean' ? undefined : `must be true or false, got ${describe(value)}`);

const tablePatterns: Check = (value) =>
  Array.isArray(value) && value.every((p) => typeof p === 'string' && p.trim() !== '')
    ? undefined
    : `must be a list of table-name patterns (strings; * and ? are wildcards), got ${JSON.stringify(value) ?? String(value)}`;

/** One check per setting, in the order a config is checked (the first bad one is reported). */
const CHECKS = {
  migrationsDir: nonEmptyString,
  transactionMode,
  postWriteHooks: commands,
  lockTimeout: nonNegativeNumber('milliseconds'),
  versionTable: tableName(DEFAULTS.versionTable),
  historyTable: tableName(DEFAULTS.historyTable),
  strictNames: flag,
  largeTableRows: count,
  ddlLockTimeout: nonNegativeNumber('milliseconds'),
  ddlRetries: count,
  online: flag,
  include: tablePatterns,
  exclude: tablePatterns,
} satisfies Record<keyof typeof DEFAULTS | keyof SettingsOptions, Check>;

/** The settings a config file takes (its other keys are `dataSource`, `envFile` and inline TypeORM options). */
export const SETTING_KEYS = Object.keys(CHECKS) as ReadonlyArray<keyof typeof CHECKS>;

/** Where settings come from: named in messages, and where their relative paths start. */
export interface SettingsSource {
  /** Prefixes every message: the config file as displayed, `createMigrator()`, `new Migrator()`. */
  where: string;
  cwd: string;
  /** Relative paths start here: the config file's folder, or `cwd` for settings given in code. */
  rootDir: string;
  /** Absolute. */
  configFile: string | undefined;
}

/** Check each setting `raw` has (undefined counts as absent), fill in the defaults, make paths absolute. */
export function resolveSettings(raw: Readonly<Record<string, unknown>>, source: SettingsSource): ResolvedSettings {
  const given: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) given[key] = checked(raw[key], CHECKS[key], `${source.where}: "${key}"`);
  const value = <K extends keyof typeof DEFAULTS>(key: K) => (given[key] ?? DEFAULTS[key]) as (typeof DEFAULTS)[K];
  const migrationsDir = resolve(source.rootDir, value('migrationsDir'));
  const settings: ResolvedSettings = {
    configFile: source.configFile,
    rootDir: source.rootDir,
    cwd: source.cwd,
    migrationsDir,
    versionsDir: resolve(migrationsDir, 'versions'),
    templatesDir: resolve(migrationsDir, 'templates'),
    versionTable: value('versionTable'),
    historyTable: value('historyTable'),
    transactionMode: value('transactionMode'),
    postWriteHooks: [...value('postWriteHooks')],
    lockTimeout: value('lockTimeout'),
    strictNames: value('strictNames'),
    largeTableRows: value('largeTableRows'),
    ddlLockTimeout: value('ddlLockTimeout'),
    ddlRetries: value('ddlRetries'),
    online: value('online'),
  };
  for (const key of ['include', 'exclude'] as const) {
    if (given[key] !== undefined) settings[key] = [...(given[key] as string[])];
  }
  return settings;
}

/** `value` when undefined or `check` passes; else a one-line error, `<what> must be …, got …`. */
function checked<T>(value: T, check: Check, what: string): T {
  const problem = value === undefined ? undefined : check(value);
  if (problem) throw new ConfigError('CONFIG_INVALID', `${what} ${problem}`);
  return value;
}

/** Settings given in code (`where`: `createMigrator()` or `new Migrator()`); relative paths start at `cwd`. */
export function settingsFromCode(options: CodeSettings, where: string): ResolvedSettings {
  const cwd = resolve(options.cwd ?? process.cwd());
  const configFile = options.configFile !== undefined ? resolve(cwd, options.configFile) : undefined;
  const settings = resolveSettings(options as Readonly<Record<string, unknown>>, { where, cwd, rootDir: cwd, configFile });
  const lockName = checked(options.lockName, nonEmptyString, `${where}: "lockName"`);
  if (lockName !== undefined) settings.lockName = lockName;
  return settings;
}

/** `--lock-timeout SECONDS`, checked like `lockTimeout`, in milliseconds. */
export function lockTimeoutFlag(seconds: number): number {
  return checked(seconds, nonNegativeNumber('seconds'), '--lock-timeout') * 1000;
}

/** A value as a one-line message shows it (a string in quotes; objects by kind). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
