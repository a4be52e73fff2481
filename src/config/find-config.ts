/**
 * Which config file to read. Order (DESIGN §4): `-c/--config FILE`, else
 * `entity-migrate.config.{ts,mts,cts,js,mjs,cjs,json}` in the cwd, else `ormconfig.json` (our
 * options under its `"entityMigrate"` key).
 */
import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { ConfigError } from '../errors';
import { displayPath } from '../display-path';

export const CONFIG_BASENAME = 'entity-migrate.config';
export const CONFIG_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'] as const;
export const ORMCONFIG = 'ormconfig.json';

export interface FoundConfig {
  file: string;
  /** `module`: TS/JS, default export; `json`: our JSON; `ormconfig`: TypeORM's file with our key. */
  kind: 'module' | 'json' | 'ormconfig';
}

export function findConfig({ configPath, cwd }: { configPath?: string; cwd: string }): FoundConfig {
  if (configPath !== undefined) {
    const file = resolve(cwd, configPath);
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw new ConfigError('CONFIG_NOT_FOUND', `config file ${displayPath(file, cwd)} not found (given with --config)`);
    }
    return { file, kind: kindOf(file) };
  }
  for (const ext of CONFIG_EXTENSIONS) {
    const file = join(cwd, CONFIG_BASENAME + ext);
    if (existsSync(file)) return { file, kind: ext === '.json' ? 'json' : 'module' };
  }
  const ormconfig = join(cwd, ORMCONFIG);
  if (existsSync(ormconfig)) return { file: ormconfig, kind: 'ormconfig' };
  throw new ConfigError(
    'CONFIG_NOT_FOUND',
    `no config found in ${cwd} (looked for ${CONFIG_BASENAME}.{${CONFIG_EXTENSIONS.map((e) => e.slice(1)).join(',')}} and ${ORMCONFIG}); run \`entity-migrate init\` or pass -c FILE`,
  );
}

function kindOf(file: string): FoundConfig['kind'] {
  if (extname(file) !== '.json') return 'module';
  return file.endsWith(ORMCONFIG) ? 'ormconfig' : 'json';
}
