/**
 * TypeORM's own `migrations` option (classes, or globs of their files), for `import-typeorm`.
 * The DataSource we build runs with `migrations: []` (they are not ours to run), so the option as
 * written is kept beside it; it is loaded only when asked, through our loader (TypeScript,
 * decorators, ES modules), and every class is tied to the file a revision can import it from.
 */
import { basename } from 'node:path';
import type { DataSource } from 'typeorm';
import { displayPath } from '../display-path';
import { ConfigError } from '../errors';
import { expandEntityGlob } from './entities';
import { importModule } from './load-module';

export interface MigrationsSource {
  /** The file that set `migrations`: the data-source module or the config file. */
  origin: string;
  /** The folder relative globs resolve from (as entity globs do). */
  baseDir: string;
  /** The option as written. */
  entries: unknown;
}

/** A TypeORM migration class and where a revision imports it from. */
export interface TypeormMigrationClass {
  migrationClass: Function;
  file: string;
  /** `default`, a named export, or undefined when the module itself is the class (`module.exports = …`). */
  exportName: string | undefined;
}

const sources = new WeakMap<DataSource, MigrationsSource>();

export function rememberMigrationsSource(dataSource: DataSource, source: MigrationsSource): void {
  sources.set(dataSource, source);
}

/** The `migrations` option as the config gave it; a DataSource handed over in code carries its own. */
export function migrationsSourceOf(dataSource: DataSource, fallbackBaseDir: string): MigrationsSource {
  return sources.get(dataSource) ?? { origin: 'the DataSource', baseDir: fallbackBaseDir, entries: dataSource.options.migrations };
}

/** A class TypeORM can run: `up` on its prototype. */
export function isMigrationClass(value: unknown): value is Function {
  return typeof value === 'function' && typeof (value.prototype as { up?: unknown } | undefined)?.up === 'function';
}

/**
 * Every migration class the option names, each once, with its file. Refuses (one line each): no
 * option or an empty one, a glob that matches no file, a file that exports no migration class, a
 * class given as a value whose file cannot be told.
 */
export async function loadTypeormMigrations(source: MigrationsSource, cwd: string): Promise<TypeormMigrationClass[]> {
  const { origin, baseDir } = source;
  const list = source.entries === undefined || source.entries === null ? [] : Array.isArray(source.entries) ? source.entries : typeof source.entries === 'object' ? Object.values(source.entries) : [source.entries];
  if (list.length === 0) {
    throw new ConfigError('NO_TYPEORM_MIGRATIONS', `${origin} sets no TypeORM "migrations" (classes or globs of their files): nothing to import`);
  }
  const found: TypeormMigrationClass[] = [];
  for (const entry of list) {
    if (typeof entry === 'string') {
      const files = expandEntityGlob(entry, baseDir);
      if (files.length === 0) {
        throw new ConfigError('NO_TYPEORM_MIGRATIONS', `"migrations" entry ${entry} in ${origin} matched no file in ${baseDir}`);
      }
      for (const file of files) found.push(...migrationsOfFile(file, await importModule(file), cwd));
    } else if (isMigrationClass(entry)) {
      found.push(fileOfClass(entry, origin));
    } else {
      const what = typeof entry === 'function' ? `the class ${entry.name || '(anonymous)'}, which has no up() method` : `a ${typeof entry}`;
      throw new ConfigError('TYPEORM_MIGRATION_INVALID', `"migrations" in ${origin} lists ${what}: TypeORM takes migration classes and globs of their files`);
    }
  }
  const seen = new Set<Function>();
  return found.filter((m) => !seen.has(m.migrationClass) && seen.add(m.migrationClass));
}

function migrationsOfFile(file: string, mod: unknown, cwd: string): TypeormMigrationClass[] {
  if (isMigrationClass(mod)) return [{ migrationClass: mod, file, exportName: undefined }];
  const exported = typeof mod === 'object' && mod !== null ? Object.entries(mod) : [];
  const classes = exported
    .filter((entry): entry is [string, Function] => entry[0] !== '__esModule' && isMigrationClass(entry[1]))
    .map(([exportName, migrationClass]) => ({ migrationClass, file, exportName }));
  if (classes.length === 0) {
    throw new ConfigError('TYPEORM_MIGRATION_INVALID', `${displayPath(file, cwd)} exports no TypeORM migration class (a class with an up() method)`);
  }
  return classes;
}

/**
 * A class listed as a value: its file is the loaded module that exports it. Only modules loaded
 * through require are known (an ES module's is not), and a barrel re-exporting it is a second
 * candidate, told apart by the class's name in the file name, as TypeORM's generator names them.
 */
function fileOfClass(migrationClass: Function, origin: string): TypeormMigrationClass {
  const candidates: TypeormMigrationClass[] = [];
  for (const [file, mod] of Object.entries(require.cache)) {
    const exported: unknown = mod?.exports;
    if (!mod || file.includes('/node_modules/')) continue;
    if (exported === migrationClass) candidates.push({ migrationClass, file, exportName: undefined });
    else if (typeof exported === 'object' && exported !== null) {
      const name = Object.keys(exported).find((key) => key !== '__esModule' && (exported as Record<string, unknown>)[key] === migrationClass);
      if (name !== undefined) candidates.push({ migrationClass, file, exportName: name });
    }
  }
  const stamp = /\d{13}$/.exec(migrationClass.name)?.[0];
  const named = candidates.filter((c) => basename(c.file).includes(migrationClass.name) || (stamp !== undefined && basename(c.file).includes(stamp)));
  const pick = candidates.length === 1 ? candidates : named;
  if (pick.length === 1) return pick[0]!;
  throw new ConfigError(
    'TYPEORM_MIGRATION_INVALID',
    `"migrations" in ${origin} lists the class ${migrationClass.name || '(anonymous)'}, whose file cannot be told${candidates.length > 1 ? ` (exported by ${candidates.map((c) => displayPath(c.file)).join(', ')})` : ''}; revisions import migrations by path: list them as a glob of their files (e.g. "src/migrations/*.ts")`,
  );
}
