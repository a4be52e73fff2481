/**
 * Where a DataSource's entities came from, kept for the one error that needs it: comparing a model
 * with no entities would "drop every table", so `check` and `revision --autogenerate` refuse, and
 * the message must say which globs (or module) gave nothing and which folder they were read in.
 */
import type { DataSource } from 'typeorm';
import { ConfigError } from '../errors';

export interface EntitySource {
  /** The file that set `entities`: the data-source module or the config file. */
  origin: string;
  /** The folder relative globs were resolved from. */
  baseDir: string;
  /** The `entities` option as written: globs as such, classes by name. */
  entries: string[];
  /** NestJS's `autoLoadEntities`, which only Nest's module system fills. */
  autoLoadEntities: boolean;
}

const sources = new WeakMap<DataSource, EntitySource>();

export function rememberEntitySource(dataSource: DataSource, source: EntitySource): void {
  sources.set(dataSource, source);
}

/** The `entities` option for a message: `src/entity/*.ts`, `User`, `EntitySchema(post)`. */
export function listEntries(entities: unknown): string[] {
  if (entities === undefined || entities === null) return [];
  const list = Array.isArray(entities) ? entities : typeof entities === 'object' ? Object.values(entities) : [entities];
  return list.map((entry) => {
    if (typeof entry === 'string') return entry;
    if (typeof entry === 'function') return entry.name || '(anonymous class)';
    const name = (entry as { options?: { name?: unknown } } | null)?.options?.name;
    return typeof name === 'string' ? `EntitySchema(${name})` : String(entry);
  });
}

/** Throws when the initialized DataSource has no entity metadata (nothing to compare with). */
export function assertHasEntities(dataSource: DataSource): void {
  if (dataSource.entityMetadatas.length > 0) return;
  throw new ConfigError('NO_ENTITIES', `${describeNoEntities(sources.get(dataSource))}; refusing to compare an empty model with the database (every table would be dropped)`);
}

function describeNoEntities(source: EntitySource | undefined): string {
  if (!source) return 'no entities: the DataSource has no entity classes';
  const nest = source.autoLoadEntities ? ' (autoLoadEntities works only inside a Nest app: list the entities or a glob)' : '';
  if (source.entries.length === 0) return `no entities: ${source.origin} sets no "entities"${nest}`;
  return `no entities: "entities" in ${source.origin} (${source.entries.join(', ')}) gave no entity class, relative globs resolved from ${source.baseDir}${nest}${typescriptTwins(source)}`;
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
