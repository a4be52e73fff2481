/**
 * A `require` hook so users' .ts config, data-source, entity and revision files load without
 * ts-node or a build. Installed once per process (even if two copies of this package are loaded).
 */
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { transpile } from './transpile';

export const TS_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx'] as const;

interface ModuleInternals {
  _extensions: Record<string, (module: Module, filename: string) => void>;
  _resolveFilename: (request: string, parent: Module | undefined, isMain: boolean, options?: unknown) => string;
}
interface CompilableModule {
  _compile(code: string, filename: string): void;
}

const INSTALLED = Symbol.for('entity-migrate.register-typescript');

export function registerTypeScript(): void {
  const state = globalThis as { [INSTALLED]?: true };
  if (state[INSTALLED]) return;
  state[INSTALLED] = true;

  // Decorators call Reflect.metadata while the entity module evaluates: the polyfill must be first.
  require('reflect-metadata');
  // Stack frames of transpiled files map back to their .ts lines through the inline maps swc
  // writes only where Node's source-map support is on (`--verbose`, or the app's own
  // --enable-source-maps): it costs a parse per loaded file. Load errors map their one position
  // themselves (original-position.ts).

  const internals = Module as unknown as ModuleInternals;
  const loadTs = (module: Module, filename: string): void => {
    const code = transpile(filename, readFileSync(filename, 'utf8'));
    (module as unknown as CompilableModule)._compile(code, filename);
  };
  for (const ext of TS_EXTENSIONS) internals._extensions[ext] = loadTs;

  // `import { User } from './user.js'` is how node16-style TS names a sibling .ts file. Only after
  // Node's own resolution fails, so ordinary requires pay nothing.
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function (request, parent, isMain, options) {
    try {
      return resolve.call(this, request, parent, isMain, options);
    } catch (error) {
      const tsRequest = /^\.\.?\//.test(request) ? request.replace(/\.([mc]?)js$/, '.$1ts') : request;
      if (tsRequest !== request && (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
        try {
          return resolve.call(this, tsRequest, parent, isMain, options);
        } catch {
          // report the original request below
        }
      }
      throw error;
    }
  };
}
