/**
 * What a data-source module (or the config's `dataSource` key) hands us: a DataSource, its options,
 * or an (async) function or a Promise returning either. A NestJS app exports one options factory
 * for `TypeOrmModule.forRootAsync({ useFactory })` and for this CLI; a function is called with no
 * arguments.
 */
import type { DataSource } from 'typeorm';
import { isDataSource, isPromise } from '../values';
import { ConfigError, LoadError } from '../errors';
import { isObject } from '../is-object';

/** A DataSource, or options still to be completed (URL override, globs, forced-off settings). */
export type DataSourceValue = DataSource | Record<string, unknown>;

/**
 * The export to use: `exportName` when given, else the default export, else the named DataSource,
 * else named options, else the one named function or Promise. `where` names the module in errors.
 */
export async function dataSourceFromModule(mod: unknown, where: string, exportName?: string): Promise<DataSourceValue> {
  if (exportName !== undefined) {
    const exports = isObject(mod) ? mod : {};
    if (!(exportName in exports)) {
      const names = Object.keys(exports).filter((k) => k !== '__esModule');
      throw new ConfigError('CONFIG_INVALID', `${where}: has no export "${exportName}" (exports: ${names.join(', ') || 'none'})`);
    }
    return dataSourceFromValue(exports[exportName], `${where}: export "${exportName}"`);
  }
  // `module.exports = dataSource` / `= options` / `= async () => …` (CommonJS).
  if (isDataSource(mod) || isFactory(mod)) return dataSourceFromValue(mod, `${where}: module.exports`);
  if (!isObject(mod)) return noExport(where);
  const exports = mod;
  if ('default' in exports && exports.default !== undefined) {
    const value = exports.default;
    if (isDataSource(value) || isFactory(value) || isOptions(value)) return dataSourceFromValue(value, `${where}: export "default"`);
  }
  const named = Object.entries(exports).filter(([k]) => k !== 'default' && k !== '__esModule');
  const instance = named.find(([, v]) => isDataSource(v));
  if (instance) return instance[1] as DataSource;
  const options = named.find(([, v]) => isOptions(v));
  if (options) return options[1] as Record<string, unknown>;
  const factories = named.filter(([, v]) => isFactory(v));
  if (factories.length === 1) return dataSourceFromValue(factories[0]![1], `${where}: export "${factories[0]![0]}"`);
  if (factories.length > 1) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `${where}: exports several functions (${factories.map(([k]) => k).join(', ')}) and no DataSource; name one as "dataSource": "<file>#${factories[0]![0]}"`,
    );
  }
  // A CommonJS module whose exports are the options themselves.
  if (isOptions(mod)) return mod;
  return noExport(where);
}

/**
 * Resolve a DataSource, options, function or Promise to a DataSource or options. `label` says
 * where the value came from: `src/db.ts: export "default"`, `config: "dataSource"`.
 */
export async function dataSourceFromValue(value: unknown, label: string): Promise<DataSourceValue> {
  let result = value;
  if (typeof result === 'function') {
    try {
      result = await (result as () => unknown)();
    } catch (error) {
      throw failed(label, 'threw', error);
    }
  } else if (isPromise(result)) {
    try {
      result = await result;
    } catch (error) {
      throw failed(label, 'rejected', error);
    }
  }
  if (isDataSource(result) || isObject(result)) return result;
  const what = typeof value === 'function' || isPromise(value) ? 'returned' : 'is';
  throw new ConfigError('CONFIG_INVALID', `${label} ${what} ${describe(result)}; expected a TypeORM DataSource or DataSourceOptions`);
}

function noExport(where: string): never {
  throw new ConfigError(
    'CONFIG_INVALID',
    `${where}: exports no TypeORM DataSource, DataSourceOptions, or function or Promise returning one (default or named)`,
  );
}

function failed(label: string, verb: string, error: unknown): LoadError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const file = label.split(': ')[0] ?? label;
  return new LoadError(`${label} ${verb}: ${reason}`, file, { cause: error });
}

/**
 * Arrow and async functions, plain functions and Promises; not classes (entity classes are often
 * exported beside the DataSource, and calling one would throw).
 */
function isFactory(value: unknown): boolean {
  if (isPromise(value)) return true;
  if (typeof value !== 'function') return false;
  return !/^class\b/.test(Function.prototype.toString.call(value));
}

/** Options found by scanning exports must say which driver; a factory's result need not. */
function isOptions(value: unknown): value is Record<string, unknown> {
  return isObject(value) && !isPromise(value) && typeof value.type === 'string';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  // Never the string itself: it may be a URL with a password.
  if (typeof value === 'string') return 'a string (for a URL, return { url })';
  return `a ${typeof value}`;
}
