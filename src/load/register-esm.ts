/**
 * Register the ESM loader hooks (esm-hooks.ts) once per process, before the first `import()` of a
 * user's ES module. Needs `module.register` (Node ≥ 20.6); without it, callers fall back to the
 * require hook.
 */
import Module from 'node:module';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const REGISTERED = Symbol.for('entity-migrate.register-esm');

export function registerEsmHooks(): boolean {
  const state = globalThis as { [REGISTERED]?: boolean };
  if (state[REGISTERED] !== undefined) return state[REGISTERED];
  const register = (Module as { register?: (specifier: string, parentURL?: string) => void }).register;
  // Run from TypeScript sources (tests), the hooks file is .ts, which Node's loader thread cannot load.
  const hooks = join(__dirname, `esm-hooks${extname(__filename)}`);
  const usable = typeof register === 'function' && extname(hooks) === '.js';
  if (usable) register(pathToFileURL(hooks).href);
  return (state[REGISTERED] = usable);
}
