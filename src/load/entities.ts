/**
 * TypeORM's `entities` (and `subscribers`) option may hold globs. TypeORM resolves them itself with
 * a plain require, which cannot load .ts without ts-node; we resolve them first, through our
 * loader, and hand TypeORM the classes and EntitySchemas.
 */
import { isAbsolute, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import type { EntitySchema } from 'typeorm';
import { isDataSource } from '../values';
import { entityValueKind, isEntitySchema, isSchemaOptions, type EntityValueKind } from './entity-values';
import { importModule } from './load-module';

/** What TypeORM accepts in `entities` after globs are gone. */
export type EntityTarget = Function | EntitySchema<unknown>;

/** One export of a file an entity glob matched, for the message when nothing in it is an entity. */
export interface ExportSeen {
  /** The export's name; `module.exports` for a CommonJS module that exports one value. */
  name: string;
  kind: EntityValueKind;
}

/**
 * What the entries held, beside what they give TypeORM: which files each glob matched and what
 * they export, and the `EntitySchemaOptions` objects that are not in an EntitySchema.
 */
export interface EntitiesSeen {
  globs: { pattern: string; files: { file: string; exports: ExportSeen[] }[] }[];
  /**
   * Bare `EntitySchemaOptions` (`{ name, columns }` without `new EntitySchema(…)`). TypeORM ignores
   * them, from a glob's files and in `entities` alike, so we do too and say so: loading them would
   * give revisions tables the app itself never maps.
   */
  schemaOptions: { name: string; file?: string }[];
}

export function noneSeen(): EntitiesSeen {
  return { globs: [], schemaOptions: [] };
}

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
 * `seen` is filled with what the entries held (see {@link EntitiesSeen}).
 */
export async function resolveEntities(
  entries: ReadonlyArray<unknown> | Record<string, unknown> | undefined,
  baseDir: string,
  seen: EntitiesSeen = noneSeen(),
): Promise<EntityTarget[]> {
  if (entries === undefined) return [];
  const list = Array.isArray(entries) ? entries : Object.values(entries);
  const out: EntityTarget[] = [];
  for (const entry of list) {
    if (typeof entry === 'string') {
      const glob: EntitiesSeen['globs'][number] = { pattern: entry, files: [] };
      seen.globs.push(glob);
      for (const file of expandEntityGlob(entry, baseDir)) {
        const mod = await importModule(file);
        glob.files.push({ file, exports: exportsOf(mod) });
        collectExports(mod, { out, seen, file, visited: new WeakSet() });
      }
    } else {
      collectExports(entry, { out, seen, visited: new WeakSet() });
    }
  }
  return [...new Set(out)];
}

interface Walk {
  out: EntityTarget[];
  seen: EntitiesSeen;
  /** The file whose exports are walked; none for an entry given as a value. */
  file?: string;
  visited: WeakSet<object>;
}

/**
 * Same walk as TypeORM's importClassesFromDirectories: functions and schemas, through objects and
 * arrays. Except: bare EntitySchemaOptions are noted, not walked (their `type: String` and `target`
 * would be taken for classes); and a DataSource (a data-source module the glob also matches) is not
 * walked, nor anything twice: TypeORM's own walk overflows the stack on the driver's back-reference.
 */
function collectExports(value: unknown, walk: Walk): void {
  if (typeof value === 'function') walk.out.push(value);
  else if (isEntitySchema(value)) walk.out.push(value);
  else if (typeof value !== 'object' || value === null || isDataSource(value) || walk.visited.has(value)) return;
  else if (isSchemaOptions(value)) walk.seen.schemaOptions.push({ name: value.name, ...(walk.file ? { file: walk.file } : {}) });
  else {
    walk.visited.add(value);
    (Array.isArray(value) ? value : Object.values(value)).forEach((item) => collectExports(item, walk));
  }
}

/** A module's exports by name, with what each is. */
function exportsOf(mod: unknown): ExportSeen[] {
  if (typeof mod === 'function' || isEntitySchema(mod) || isSchemaOptions(mod)) return [{ name: 'module.exports', kind: entityValueKind(mod) }];
  if (typeof mod !== 'object' || mod === null) return [];
  return Object.entries(mod)
    .filter(([name]) => name !== '__esModule')
    .map(([name, value]) => ({ name, kind: entityValueKind(value) }));
}
