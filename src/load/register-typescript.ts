/**
 * A `require` hook so users' .ts config, data-source, entity and revision files load without
 * ts-node or a build. Installed once per process (even if two copies of this package are loaded).
 */
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { resolve as resolvePath, sep } from 'node:path';
import type {} from './node-module';
import { transpile } from './transpile';
import { isBare, withTsExtension } from './ts-specifiers';
import { tsProjectFor, type Aliases } from './tsconfig';

export const TS_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx'] as const;

const INSTALLED = Symbol.for('entity-migrate.register-typescript');

/**
 * Files this hook compiled: only their stack positions are ours to map back to the .ts source
 * (a test runner or ts-node may have compiled others, with their own maps).
 */
export const compiledByHook = new Set<string>();

export function registerTypeScript(): void {
  const state = globalThis as { [INSTALLED]?: true };
  if (state[INSTALLED]) return;
  state[INSTALLED] = true;

  // Decorators call Reflect.metadata while the entity module evaluates: the polyfill must be first.
  require('reflect-metadata');
  // transpile.ts always inlines a source map; Node maps stack frames through it back to the .ts
  // lines only where its source-map support is on (`--verbose` turns it on in main.ts, or the
  // app's own --enable-source-maps), as it costs a parse per loaded file. Load errors map their
  // one position themselves (original-position.ts).

  const loadTs = (module: Module, filename: string): void => {
    compiledByHook.add(filename);
    const code = transpile(filename, readFileSync(filename, 'utf8'));
    module._compile(code, filename);
  };
  for (const ext of TS_EXTENSIONS) Module._extensions[ext] = loadTs;

  // `import { User } from './user.js'` is how node16-style TS names a sibling .ts file: retried
  // as .ts only after Node's own resolution failed. tsconfig `paths`/`baseUrl` name files by alias:
  // looked at only for bare requests from TypeScript files. Other requires go straight to Node.
  const resolve = Module._resolveFilename;
  const tryResolve = (self: unknown, request: string, parent: Module | undefined, isMain: boolean, options: unknown): string | undefined => {
    for (const candidate of withTsExtension(request)) {
      try {
        return resolve.call(self, candidate, parent, isMain, options);
      } catch {
        // next candidate
      }
    }
    return undefined;
  };
  Module._resolveFilename = function (request, parent, isMain, options) {
    const aliases = aliasesFor(request, parent);
    if (aliases) {
      for (const candidate of aliases.explicit(request)) {
        const found = tryResolve(this, candidate, parent, isMain, options);
        if (found) return found;
      }
    }
    try {
      return resolve.call(this, request, parent, isMain, options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
      const retries = /^\.\.?\//.test(request) ? withTsExtension(request).slice(1) : (aliases?.fallback(request) ?? []);
      for (const candidate of retries) {
        const found = tryResolve(this, candidate, parent, isMain, options);
        if (found) return found;
      }
      throw error; // report the original request
    }
  };
}

const TS_FILE = /\.[cm]?tsx?$/;
// src/ (run from source in tests) or dist/: our own requires never go through user aliases, and
// must not recurse into this hook while it loads get-tsconfig.
const OWN_ROOT = resolvePath(__dirname, '..') + sep;

/** The tsconfig aliases that apply to a bare `request` made by a TypeScript file, if any. */
function aliasesFor(request: string, parent: Module | undefined): Aliases | undefined {
  const from = parent?.filename;
  if (!from || !TS_FILE.test(from) || !isBare(request) || from.startsWith(OWN_ROOT)) return undefined;
  return tsProjectFor(from).aliases;
}
