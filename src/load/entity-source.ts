/**
 * Where a DataSource's entities came from, kept for the one error that needs it: comparing a model
 * with no entities would "drop every table", so `check` and `revision --autogenerate` refuse, and
 * the message must say which globs (or module) gave nothing, what their files export, and which
 * folder they were read in.
 */
import type { DataSource } from 'typeorm';
import { displayPath } from '../display-path';
import { ConfigError } from '../errors';
import type { EntitiesSeen, ExportSeen } from './entities';
import { assertNoEntityConflicts } from './entity-conflicts';
import { isEntitySchema, isSchemaOptions } from './entity-values';

export interface EntitySource {
  /** The file that set `entities`: the data-source module or the config file. */
  origin: string;
  /** The folder relative globs were resolved from. */
  baseDir: string;
  /** The `entities` option as written: globs as such, classes by name. */
  entries: string[];
  /** NestJS's `autoLoadEntities`, which only Nest's module system fills. */
  autoLoadEntities: boolean;
  /** What loading the entries found (files matched, their exports); absent when not loaded. */
  seen?: EntitiesSeen;
}

const sources = new WeakMap<DataSource, EntitySource>();

export function rememberEntitySource(dataSource: DataSource, source: EntitySource): void {
  sources.set(dataSource, source);
}

/** The `entities` option for a message: `src/entity/*.ts`, `User`, `EntitySchema(post)`, `EntitySchemaOptions(tag)`. */
export function listEntries(entities: unknown): string[] {
  if (entities === undefined || entities === null) return [];
  const list = Array.isArray(entities) ? entities : typeof entities === 'object' ? Object.values(entities) : [entities];
  return list.map((entry) => {
    if (typeof entry === 'string') return entry;
    if (typeof entry === 'function') return entry.name || '(anonymous class)';
    if (isEntitySchema(entry)) return `EntitySchema(${entry.options.name})`;
    if (isSchemaOptions(entry)) return `EntitySchemaOptions(${entry.name})`;
    return Array.isArray(entry) ? 'an array' : typeof entry === 'object' && entry !== null ? 'an object' : String(entry);
  });
}

const REFUSAL = 'refusing to compare an empty model with the database (every table would be dropped)';

/**
 * Throws when the initialized DataSource gives autogenerate nothing sound to compare: no entity
 * metadata, or only entities with `synchronize: false` (TypeORM's schema builder, which
 * autogenerate records, skips those), which would otherwise pass as "No changes detected"; or two entities on one table.
 */
export function assertHasEntities(dataSource: DataSource): void {
  const metadatas = dataSource.entityMetadatas;
  if (metadatas.length === 0) throw new ConfigError('NO_ENTITIES', `${describeNoEntities(sources.get(dataSource))}; ${REFUSAL}`);
  if (metadatas.every((m) => m.synchronize === false)) {
    const names = metadatas.map((m) => m.name);
    throw new ConfigError(
      'NO_ENTITIES',
      `no entities to compare: every entity has synchronize: false (${shortList(names, 5)}), so TypeORM's schema builder, which autogenerate records, skips them all; ${REFUSAL}`,
    );
  }
  assertNoEntityConflicts(dataSource, (names) => filesExporting(sources.get(dataSource), names));
}

/** ` (in a.ts, b.ts)`: the files an entity glob matched that export one of `names`. */
function filesExporting(source: EntitySource | undefined, names: string[]): string {
  const files = (source?.seen?.globs ?? [])
    .flatMap((glob) => glob.files)
    .filter((file) => file.exports.some((e) => names.includes(e.name)))
    .map((file) => displayPath(file.file, source!.baseDir));
  return files.length > 0 ? ` (in ${[...new Set(files)].join(', ')})` : '';
}

function describeNoEntities(source: EntitySource | undefined): string {
  if (!source) return 'no entities: the DataSource has no entity classes';
  const nest = source.autoLoadEntities ? ' (autoLoadEntities works only inside a Nest app: list the entities or a glob)' : '';
  if (source.entries.length === 0) return `no entities: ${source.origin} sets no "entities"${nest}`;
  // Where globs were read, when there were globs (or, entries not loaded, may have been).
  const from = (source.seen?.globs.length ?? 1) > 0 ? `, relative globs resolved from ${source.baseDir}` : '';
  return `no entities: "entities" in ${source.origin} (${source.entries.join(', ')}) gave no entity class${whatLoaded(source)}${from}${nest}${typescriptTwins(source)}`;
}

/**
 * What the entries did give: each glob's files and their exports, so "gave no entity class" says
 * why (a class without @Entity, EntitySchemaOptions without `new EntitySchema`, nothing at all).
 */
function whatLoaded(source: EntitySource): string {
  const seen = source.seen;
  if (!seen) return '';
  const parts = seen.globs
    .filter((glob) => glob.files.length > 0)
    .map((glob) => `${glob.pattern} matched ${shortList(glob.files.map((f) => `${displayPath(f.file, source.baseDir)} (${describeExports(f.exports)})`), 3, 'files')}`);
  const bareOptions = seen.schemaOptions.length > 0;
  const direct = source.entries.length > seen.globs.length; // classes or objects given as values
  if (parts.length === 0 && !bareOptions && !direct) return '';
  const hint = bareOptions ? ' (EntitySchemaOptions need new EntitySchema(…))' : '';
  return `: ${[...parts, `TypeORM takes only @Entity classes and EntitySchema instances${hint}`].join('; ')}`;
}

const KIND_WORD: Record<ExportSeen['kind'], string> = {
  class: 'class ',
  function: 'function ',
  'entity-schema': 'EntitySchema ',
  'schema-options': 'EntitySchemaOptions ',
  other: '',
};

function describeExports(exports: ExportSeen[]): string {
  if (exports.length === 0) return 'exports nothing';
  return `exports ${shortList(exports.map((e) => `${KIND_WORD[e.kind]}${e.name}`), 6)}`;
}

/** `a, b, c` or `a, b, c and 4 more [files]`. */
function shortList(items: string[], max: number, noun = ''): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more${noun ? ` ${noun}` : ''}`;
}

/**
 * `src/entity/*.js` names a build's output; before a build only the .ts files are there. Says
 * which `.ts` glob would have matched, for each `.js` glob that matched nothing.
 */
function typescriptTwins(source: EntitySource): string {
  const hints: string[] = [];
  for (const entry of source.entries) {
    const twin = entry.replace(/\.js$/, '.ts');
    if (twin === entry) continue;
    const { expandEntityGlob } = require('./entities') as typeof import('./entities');
    if (expandEntityGlob(entry, source.baseDir).length > 0) continue;
    const files = expandEntityGlob(twin, source.baseDir).length;
    if (files > 0) hints.push(`${twin} matches ${files} TypeScript file${files === 1 ? '' : 's'}, which entity-migrate loads without a build`);
  }
  return hints.length > 0 ? `; ${hints.join('; ')}` : '';
}
