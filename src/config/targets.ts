/**
 * Targets (issue 13 §4): the databases and schemas one command may run on, one per tenant or
 * shard. The config's `targets` is a list, or a function (sync or async) returning one, of
 * `{ name, url?, schema? }`; `--all-targets` / `--target NAME` pick from it. Everything here is
 * checked before any database is touched: a bad list, a duplicate name, an unknown name.
 */
import { ConfigError } from '../errors';
import { isObject } from '../is-object';
import { maskUrl } from './mask-url';
import { describe } from './describe-value';

/** One database (or schema) a command can run on. */
export interface Target {
  /** What `--target NAME` picks and the summary shows: letters, digits, `_`, `-`, `.`. */
  name: string;
  /** Replaces the data source's URL (and every other connection key) for this target. */
  url?: string;
  /** The PostgreSQL schema this target's tables, version table, history and lock live in. */
  schema?: string;
}

/** The config's `targets`: a list, or a function (sync or async, called with no arguments) returning one. */
export type TargetsInput = readonly Target[] | (() => readonly Target[] | Promise<readonly Target[]>);

/** What `--all-targets` / `--target` asked for. */
export interface TargetSelection {
  all: boolean;
  names: readonly string[];
}

const TARGET_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const TARGET_KEYS = ['name', 'url', 'schema'];

/** `targets` as a config holds it: a list (checked now) or a function (checked once called). */
export function checkTargetsInput(value: unknown, where: string): TargetsInput {
  if (typeof value === 'function') return value as TargetsInput;
  return checkTargets(value, where);
}

/**
 * The list `targets` gives (calling it when it is a function), checked: each entry an object with a
 * usable, unique `name`, and `url` / `schema` strings when present.
 */
export async function listTargets(input: TargetsInput, where: string): Promise<Target[]> {
  if (typeof input !== 'function') return checkTargets(input, where);
  let value: unknown;
  try {
    value = await input();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError('CONFIG_INVALID', `${where}: the "targets" function threw: ${reason}`, { cause: error });
  }
  return checkTargets(value, `${where}: the "targets" function's result`);
}

function checkTargets(value: unknown, where: string): Target[] {
  const fail = (message: string): never => {
    throw new ConfigError('CONFIG_INVALID', `${where}: ${message}`);
  };
  if (!Array.isArray(value)) return fail(`"targets" must be a list of { name, url?, schema? } or a function returning one, got ${describe(value)}`);
  const seen = new Set<string>();
  return value.map((entry: unknown, i) => {
    const at = `"targets"[${i}]`;
    if (!isObject(entry)) return fail(`${at} must be an object { name, url?, schema? }, got ${describe(entry)}`);
    const { name, url, schema } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || !TARGET_NAME.test(name)) {
      return fail(`${at}.name must be letters, digits, _, - or . (not starting with - or .), got ${describe(name)}`);
    }
    const unknownKey = Object.keys(entry).find((key) => !TARGET_KEYS.includes(key));
    if (unknownKey) fail(`${at} (${name}): unknown key "${unknownKey}"; a target has name, url and schema`);
    if (seen.has(name)) fail(`two targets are named "${name}"; target names must be unique`);
    seen.add(name);
    // Never the URL itself in a message: it may hold a password.
    if (url !== undefined && (typeof url !== 'string' || url.trim() === '')) fail(`${at} (${name}): "url" must be a non-empty string`);
    if (schema !== undefined && (typeof schema !== 'string' || schema.trim() === '')) fail(`${at} (${name}): "schema" must be a non-empty string, got ${describe(schema)}`);
    return { name, ...(url !== undefined && { url: url as string }), ...(schema !== undefined && { schema: schema as string }) };
  });
}

/** The targets `selection` names, in the config's order; an unknown name is one line listing the known ones. */
export function selectTargets(targets: readonly Target[], selection: TargetSelection, where: string): Target[] {
  if (selection.all) return [...targets];
  const known = new Set(targets.map((t) => t.name));
  const unknown = selection.names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const list = targets.map((t) => t.name).join(', ') || 'none';
    throw new ConfigError(
      'UNKNOWN_TARGET',
      `unknown target${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}; the targets of ${where} are: ${list}`,
    );
  }
  const wanted = new Set(selection.names);
  return targets.filter((t) => wanted.has(t.name));
}

/** How a target is named in messages: its name, and where it points (password masked). */
export function describeTargetEntry(target: Target): string {
  const parts = [target.url && maskUrl(target.url), target.schema && `schema ${target.schema}`].filter(Boolean);
  return parts.length > 0 ? `target "${target.name}" (${parts.join(', ')})` : `target "${target.name}"`;
}
