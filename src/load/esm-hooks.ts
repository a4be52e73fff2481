/**
 * Node ESM loader hooks (registered by register-esm.ts; they run on Node's loader thread): so a
 * `"type": "module"` project's TypeScript loads as ES modules, with top-level await and Node's own
 * cycle semantics, as its compiled output would.
 *
 * resolve: `./user.js` names `./user.ts` (node16-style TS), and from TypeScript `./user` and
 * `./entities` name `./user.ts` and `./entities/index.ts` (bundler-style TS); tsconfig `paths`/`baseUrl` aliases
 * resolve for TypeScript importers; both only where Node's own resolution would fail, except an
 * explicit `paths` pattern, which wins as in tsc.
 * load: .ts/.tsx/.mts become ES modules through swc (with decorator metadata, cached as for the
 * require hook), whatever the package type: once in an ES module graph, named imports from them
 * must work; .cts stays CommonJS.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LoadError } from '../errors';
import { extensionlessCandidates, isBare, withTsExtension } from './ts-specifiers';
import { transpile } from './transpile';
import { tsProjectFor } from './tsconfig';

interface ResolveContext {
  parentURL?: string;
  conditions?: string[];
  importAttributes?: Record<string, string>;
}
interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
interface LoadContext {
  format?: string | null;
  conditions?: string[];
  importAttributes?: Record<string, string>;
}
interface LoadResult {
  format: string;
  source?: string | Buffer;
  shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<ResolveResult>;
type NextLoad = (url: string, context?: LoadContext) => Promise<LoadResult>;

const TS_FILE = /\.(?:[cm]?ts|tsx)$/;
const TS_URL = /^file:.*\.(?:[cm]?ts|tsx)$/;

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<ResolveResult> {
  const parent = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : undefined;
  const aliases = parent && TS_FILE.test(parent) && isBare(specifier) ? tsProjectFor(parent).aliases : undefined;
  if (aliases) {
    const found = await firstResolved(aliases.explicit(specifier), context, nextResolve);
    if (found) return found;
  }
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_UNSUPPORTED_DIR_IMPORT') || !parent) throw error;
    // From TypeScript, `./user` and `./entities` (a folder index) too, as bundler-style TS writes them.
    const relative = /^\.\.?(?:\/|$)/.test(specifier);
    const retries = relative
      ? [...withTsExtension(specifier).slice(1), ...(TS_FILE.test(parent) ? extensionlessCandidates(specifier) : [])]
      : (aliases?.fallback(specifier) ?? []);
    const found = await firstResolved(retries, context, nextResolve);
    if (found) return found;
    throw error;
  }
}

async function firstResolved(candidates: string[], context: ResolveContext, nextResolve: NextResolve): Promise<ResolveResult | undefined> {
  for (const candidate of candidates) {
    // An alias target may be extensionless too (`@entities/user` → src/entities/user).
    const paths = [...withTsExtension(candidate), ...(candidate.startsWith('.') ? [] : extensionlessCandidates(candidate))];
    for (const path of paths) {
      try {
        return await nextResolve(path.startsWith('.') || path.startsWith('file:') ? path : pathToFileURL(path).href, context);
      } catch {
        // next candidate
      }
    }
  }
  return undefined;
}

export async function load(url: string, context: LoadContext, nextLoad: NextLoad): Promise<LoadResult> {
  if (!TS_URL.test(url)) return nextLoad(url, context);
  const file = fileURLToPath(url);
  // .cts stays CommonJS, as tsc would have compiled it; its export annotation lets Node find the
  // names an ES module imports from it.
  const format = extname(file) === '.cts' ? 'commonjs' : 'module';
  let source: string;
  try {
    source = transpile(file, readFileSync(file, 'utf8'), format);
  } catch (error) {
    // Errors cross the thread as plain errors; a SyntaxError makes the main thread locate it again.
    if (error instanceof LoadError) throw Object.assign(new SyntaxError(error.message), { cause: error.cause });
    throw error;
  }
  return { format, source, shortCircuit: true };
}
