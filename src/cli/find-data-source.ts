/**
 * Where an existing TypeORM project keeps its DataSource, so `init` can point the config at it
 * instead of at a file that does not exist. The list follows what TypeORM's docs, its `init`
 * scaffold and NestJS guides name the file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

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

/** `./src/data-source.ts` style path of the first candidate that exists below `root`. */
export function findDataSourceModule(root: string): string | undefined {
  for (const base of CANDIDATES) {
    for (const ext of EXTENSIONS) {
      if (existsSync(join(root, base + ext))) return `./${base}${ext}`;
    }
  }
  return undefined;
}
