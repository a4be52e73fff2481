/**
 * Load a user's module (config, data source, entity, revision) and turn every failure into a
 * `LoadError` whose message is one line naming the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileFunction } from 'node:vm';
import { EntityMigrateError, LoadError } from '../errors';
import { displayPath } from './display-path';
import { compiledByHook, registerTypeScript, TS_EXTENSIONS } from './register-typescript';
import { transpile } from './transpile';
import { originalPosition } from './original-position';

/** `require` a .ts/.cts/.js/.cjs/.json file (TypeScript through the swc hook). */
export function loadModule(file: string): unknown {
  const abs = resolve(file);
  registerTypeScript();
  try {
    return require(abs);
  } catch (error) {
    throw toLoadError(abs, error);
  }
}

/**
 * Like `loadModule`, but also loads ES modules (.mjs, or .js in a `"type": "module"` package)
 * through a real dynamic `import()`.
 */
export async function importModule(file: string): Promise<unknown> {
  const abs = resolve(file);
  if (!isEsm(abs)) return loadModule(abs);
  try {
    return await nativeImport(pathToFileURL(abs).href);
  } catch (error) {
    // Inside a VM context without an import callback (jest), require is the only way in.
    if (String((error as NodeJS.ErrnoException).code).startsWith('ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING')) return loadModule(abs);
    throw toLoadError(abs, error);
  }
}

// Built with Function so no compiler rewrites it into require() (tsc keeps import() under node16,
// but swc-based test runners do not).
const nativeImport = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

function isEsm(file: string): boolean {
  const ext = extname(file);
  if (ext === '.mjs') return true;
  if (ext !== '.js') return false;
  return nearestPackageType(dirname(file)) === 'module';
}

function nearestPackageType(dir: string): string | undefined {
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type;
      } catch {
        return undefined;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** One line for what went wrong while loading `file`; the original error stays as `cause`. */
export function toLoadError(file: string, error: unknown): EntityMigrateError {
  // Already explained (a nested file's syntax error, a config error thrown by user code).
  if (error instanceof EntityMigrateError) return error;
  const where = displayPath(file);

  if (errorName(error) === 'SyntaxError' || looksLikeTransformError(error)) {
    const located = syntaxLocation(file);
    if (located) return located;
  }
  const reason = errorMessage(error).split('\n')[0];
  const origin = userFrame(error);
  const at = origin ? ` (at ${origin})` : '';
  return new LoadError(`${where}: ${reason}${at}`, file, { cause: error });
}

// Errors may come from another realm (a test runner's VM context), so no instanceof.
function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
function errorName(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

function looksLikeTransformError(error: unknown): boolean {
  // A test runner's own transformer (e.g. @swc/jest) may have reported the syntax error.
  return /,-\[/.test(errorMessage(error));
}

/**
 * Where the syntax error in `file` is, found by compiling it again ourselves: TypeScript through
 * swc (exact line and column), JavaScript as Node's CJS loader compiles it (V8 puts `file:LINE`
 * first in the stack and a caret under the column).
 */
function syntaxLocation(file: string): LoadError | undefined {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const ext = extname(file);
  const ts = (TS_EXTENSIONS as readonly string[]).includes(ext);
  if (ts) {
    try {
      // What swc rejects, it locates; what it accepts but V8 rejects ("Identifier 'a' has already
      // been declared") is located in the output below and mapped back.
      source = transpile(file, source);
    } catch (located) {
      return located instanceof LoadError ? located : undefined;
    }
  }
  if (ext === '.json') return undefined;
  try {
    compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
  } catch (error) {
    const [first, , caretLine] = String((error as Error).stack).split('\n');
    const line = Number(/:(\d+)$/.exec(first ?? '')?.[1]);
    if (line) {
      const column = caretLine && /^\s*\^/.test(caretLine) ? caretLine.indexOf('^') + 1 : 1;
      const original = ts ? originalPosition(file, line, column) : undefined;
      const at = original ? `${original.line}:${original.column}` : `${line}:${column}`;
      return new LoadError(`${displayPath(file)}:${at}: ${errorMessage(error)}`, file, { cause: error });
    }
  }
  return undefined;
}

const SWC_HELPER_FRAME = /^at (?:_ts_\w+|_export\w*|_interop_require\w*) \(/;

// src/ (tests) or dist/ (installed): frames from here are ours.
const OWN_ROOT = resolve(__dirname, '..') + sep;

/** The first stack frame in user code (not node internals, not node_modules), as `file:line:col`. */
function userFrame(error: unknown): string | undefined {
  if (!(error instanceof Error) || !error.stack) return undefined;
  for (const line of error.stack.split('\n').slice(1)) {
    const m = /\(?((?:[A-Za-z]:)?[^\s()]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!m || !m[1]) continue;
    const frameFile = m[1].replace(/^file:\/\//, '');
    if (frameFile.startsWith('node:') || frameFile.includes('node_modules') || !isAbsolute(frameFile)) continue;
    if (frameFile.startsWith(OWN_ROOT)) continue; // our loader's frames, not the user's
    // swc's helpers (_ts_decorate applying a decorator, …) are no place in the user's source.
    if (SWC_HELPER_FRAME.test(line.trim())) continue;
    // With --verbose, Node's source-map support has mapped the frame already.
    const mapped = (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled;
    const original = compiledByHook.has(frameFile) && !mapped ? originalPosition(frameFile, Number(m[2]), Number(m[3])) : undefined;
    if (original === null) continue;
    return `${displayPath(frameFile)}:${original?.line ?? m[2]}:${original?.column ?? m[3]}`;
  }
  return undefined;
}
