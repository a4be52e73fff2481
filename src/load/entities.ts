/**
 * TypeORM's `entities` (and `subscribers`) option may hold globs. TypeORM resolves them itself with
 * a plain require, which cannot load .ts without ts-node; we resolve them first, through our
 * loader, and hand TypeORM the classes.
 */
import { isAbsolute, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import type { EntitySchema } from 'typeorm';
import { importModule } from './load-module';

/** What TypeORM accepts in `entities` after globs are gone. */
export type EntityTarget = Function | EntitySchema<unknown>;

const LOADABLE = /\.(?:[cm]?[jt]s|tsx)$/;

/** The files a glob or path (relative to `baseDir`) names, sorted, without declaration files. */
export function expandEntityGlob(pattern: string, baseDir: string): string[] {
  // tinyglobby wants forward slashes and treats an absolute pattern relative to cwd unless told.
  const abs = (isAbsolute(pattern) ? pattern : resolve(baseDir, pattern)).replace(/\\/g, '/');
  return globSync(abs, { absolute: true })
    .filter((file) => LOADABLE.test(file) && !/\.d\.[cm]?ts$/.test(file))
    .sort();
}

/**
 * Replace every string entry with the classes (and EntitySchemas) its files export; other entries
 * pass through unchanged. Keeps the order of the option, and files in sorted order within a glob.
 */
export async function resolveEntities(
  entries: ReadonlyArray<unknown> | Record<string, unknown> | undefined,
  baseDir: string,
  /** Filled with the string entries that matched no file. */
  unmatched: string[] = [],
): Promise<EntityTarget[]> {
  if (entries === undefined) return [];
  const list = Array.isArray(entries) ? entries : Object.values(entries);
  const out: EntityTarget[] = [];
  for (const entry of list) {
    if (typeof entry === 'string') {
      const files = expandEntityGlob(entry, baseDir);
      if (files.length === 0) unmatched.push(entry);
      for (const file of files) collectExports(await importModule(file), out);
    } else {
      collectExports(entry, out);
    }
  }
  return [...new Set(out)];
}

/** Same walk as TypeORM's importClassesFromDirectories: functions and schemas, through objects and arrays. */
function collectExports(value: unknown, out: EntityTarget[]): void {
  if (typeof value === 'function') out.push(value);
  else if (isEntitySchema(value)) out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => collectExports(item, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((item) => collectExports(item, out));
}

function isEntitySchema(value: unknown): value is EntitySchema<unknown> {
  // TypeORM marks instances with @instanceof, which survives two TypeORM copies, and checking it
  // keeps this module from loading TypeORM (~90 ms) for commands that never touch it.
  return typeof value === 'object' && value !== null && (value as { '@instanceof'?: symbol })['@instanceof'] === Symbol.for('EntitySchema');
}
