/**
 * Load a user's module (config, data source, entity, revision) and turn every failure into a
 * `LoadError` whose message is one line naming the file.
 */
import { readFileSync } from 'node:fs';
import { extname, isAbsolute, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileFunction } from 'node:vm';
import { EntityMigrateError, LoadError } from '../errors';
import { displayPath } from '../display-path';
import { compiledByHook, registerTypeScript, TS_EXTENSIONS } from './register-typescript';
import { transpile } from './transpile';
import { originalPosition } from './original-position';
import { isEsmFile } from './package-type';
import { registerEsmHooks } from './register-esm';

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
 * Like `loadModule`, but loads ES modules (.mjs, .mts, or .js/.ts in a `"type": "module"` package)
 * through a real dynamic `import()`, TypeScript through our ESM hooks: top-level await works, and
 * import cycles behave as Node's ESM does.
 */
export async function importModule(file: string): Promise<unknown> {
  const abs = resolve(file);
  if (!isEsmFile(abs)) return loadModule(abs);
  registerTypeScript(); // .cts files and CommonJS dependencies of the ES module graph
  const ts = (TS_EXTENSIONS as readonly string[]).includes(extname(abs));
  if (ts && !registerEsmHooks()) return loadModule(abs); // no module.register: as CommonJS
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

/** One line for what went wrong while loading `file`; the original error stays as `cause`. */
export function toLoadError(file: string, error: unknown): EntityMigrateError {
  // Already explained (a nested file's syntax error, a config error thrown by user code).
  if (error instanceof EntityMigrateError) return error;
  const where = displayPath(file);

  if (errorName(error) === 'SyntaxError' || looksLikeTransformError(error)) {
    const located = syntaxLocation(file);
    if (located) return located;
  }
  const reason = errorMessage(error).split('\n')[0] ?? '';
  const origin = userFrame(error);
  const at = origin ? ` (at ${origin.where})` : '';
  return new LoadError(`${where}: ${reason}${at}${esmCycleHint(reason, origin)}`, file, { cause: error });
}

/**
 * Node's ES modules keep imported classes in their TDZ while a cycle loads, as the user's compiled
 * app would; `design:type` metadata of `author: User` then reads User too early.
 */
function esmCycleHint(reason: string, origin: { file: string } | undefined): string {
  const name = /^Cannot access '([\w$]+)' before initialization/.exec(reason)?.[1];
  if (!name || !origin || !isEsmFile(origin.file)) return '';
  return `; ${displayPath(origin.file)} is an ES module in an import cycle: type relation properties as Relation<${name}> (from typeorm) so decorator metadata does not read ${name} while it loads`;
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
function userFrame(error: unknown): { file: string; where: string } | undefined {
  if (!(error instanceof Error) || !error.stack) return undefined;
  for (const line of error.stack.split('\n').slice(1)) {
    const m = /\(?((?:[A-Za-z]:)?[^\s()]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!m || !m[1]) continue;
    const esm = m[1].startsWith('file://');
    const frameFile = esm ? fileURLToPath(m[1]) : m[1];
    if (frameFile.startsWith('node:') || frameFile.includes('node_modules') || !isAbsolute(frameFile)) continue;
    if (frameFile.startsWith(OWN_ROOT)) continue; // our loader's frames, not the user's
    // swc's helpers (_ts_decorate applying a decorator, …) are no place in the user's source.
    if (SWC_HELPER_FRAME.test(line.trim())) continue;
    // Ours to map: TypeScript our ESM hook (file: URLs) or require hook compiled. With --verbose,
    // Node's source-map support has mapped the frame already.
    const mapped = (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled;
    const ours = esm ? (TS_EXTENSIONS as readonly string[]).includes(extname(frameFile)) : compiledByHook.has(frameFile);
    const original = ours && !mapped ? originalPosition(frameFile, Number(m[2]), Number(m[3]), esm ? 'module' : 'commonjs') : undefined;
    if (original === null) continue;
    return { file: frameFile, where: `${displayPath(frameFile)}:${original?.line ?? m[2]}:${original?.column ?? m[3]}` };
  }
  return undefined;
}
