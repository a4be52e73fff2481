/**
 * Where an existing TypeORM project keeps its DataSource, so `init` can point the config at it
 * instead of at a file that does not exist. First what the project's own package.json scripts hand
 * TypeORM's CLI (`typeorm … -d server/datasource.ts`): that is the project saying where it is. Then
 * the names TypeORM's docs, its `init` scaffold and NestJS guides give the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';

const CANDIDATES = [
  'src/data-source',
  'src/datasource',
  'data-source',
  'src/db/data-source',
  'src/database/data-source',
  'src/config/data-source',
  'src/typeorm.config',
  'typeorm.config',
  'src/config/typeorm.config',
  'src/ormconfig',
  'ormconfig',
];
const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** `-d PATH`, `-d=PATH`, `--dataSource PATH`, `--dataSource=PATH` (quoted or not) after a TypeORM CLI. */
const DATA_SOURCE_FLAG = /(?:^|\s)(?:-d|--dataSource|--data-source)(?:\s+|=)(["']?)([^\s"'&|;]+)\1/g;
/**
 * A script that mentions TypeORM (`typeorm`, `typeorm-ts-node-commonjs`, `node_modules/typeorm/cli.js`):
 * only the file its `-d` names, if that file exists, is taken, so a loose match is enough.
 */
const MENTIONS_TYPEORM = /\btypeorm\b/;

/** The data source files that package.json scripts give TypeORM's CLI, existing ones only, in script order. */
function fromPackageScripts(root: string): string[] {
  let scripts: unknown;
  try {
    scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: unknown }).scripts;
  } catch {
    return [];
  }
  if (!scripts || typeof scripts !== 'object') return [];
  const found: string[] = [];
  for (const script of Object.values(scripts)) {
    if (typeof script !== 'string' || !MENTIONS_TYPEORM.test(script)) continue;
    for (const [, , path] of script.matchAll(DATA_SOURCE_FLAG)) {
      const file = normalize(path!);
      if (!file.startsWith('..') && existsSync(join(root, file)) && !found.includes(file)) found.push(file);
    }
  }
  return found;
}

/** `./src/data-source.ts` style path of the project's data source module below `root`, if one is found. */
export function findDataSourceModule(root: string): string | undefined {
  const scripted = fromPackageScripts(root);
  // Scripts may name both the TypeScript source (development) and the compiled file (`-d
  // dist/data-source.js`, production): the source, which entity-migrate loads without a build.
  const source = scripted.find((file) => /\.[cm]?ts$/.test(file)) ?? scripted[0];
  if (source) return `./${source}`;
  for (const base of CANDIDATES) {
    for (const ext of EXTENSIONS) {
      if (existsSync(join(root, base + ext))) return `./${base}${ext}`;
    }
  }
  return undefined;
}
