/**
 * Load files through the real require hook in a plain Node process (test/fixtures/load/run-src.js
 * running hook-script.ts): jest's own module system would transpile them with @swc/jest instead.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const RUN = join(ROOT, 'test/fixtures/load/run-src.js');
const SCRIPT = join(ROOT, 'test/fixtures/load/hook-script.ts');

/** Each file's exports (or `{ error }`), plus the fixture entities' `nameType` and transpile counters. */
export function runHookScript(cacheDir: string, ...files: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, [RUN, SCRIPT, ...files], {
    cwd: ROOT,
    env: { ...process.env, ENTITY_MIGRATE_CACHE_DIR: cacheDir },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
}
