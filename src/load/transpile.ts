/**
 * TypeScript → CommonJS (the require hook) or ES modules (the ESM load hook) through swc, with
 * decorator metadata and the nearest tsconfig's decorator settings, cached on disk.
 *
 * Why swc: esbuild and tsx do not emit `design:type` metadata, so `@Column() name: string` would
 * lose its type. Why the cache: a cold `entity-migrate current` on hundreds of revision and entity
 * files must not pay for swc at all once the files are known, so a cache hit reads one small file
 * and never loads `@swc/core`. On a miss, swc's output is post-processed: CommonJS export getters
 * tolerate import cycles as tsc's exports do (tdz-tolerant-exports.ts), and the source map's holes
 * around decorators are filled (decorator-source-map.ts).
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import type { Options as SwcOptions } from '@swc/core';
import { LoadError } from '../errors';
import { displayPath } from '../display-path';
import { fillDecoratorMappings, hasDecoratorStatements, type RawSourceMap } from './decorator-source-map';
import { parseOutputStatements } from './swc-output-ast';
import { SpanText } from './swc-spans';
import { tolerateTdzInExports } from './tdz-tolerant-exports';
import { tsProjectFor } from './tsconfig';

/** Bumped whenever what we do to swc's output changes, so older cached output is not reused. */
const TRANSFORM_VERSION = 4;

/** Counters so tests (and `--verbose`) can tell a cache hit from a compile. */
export const transpileStats = { compiled: 0, cacheHits: 0 };

/** CommonJS for the require hook, ES modules for the ESM load hook. */
export type ModuleFormat = 'commonjs' | 'module';

function swcOptions(filename: string, format: ModuleFormat): SwcOptions {
  const project = tsProjectFor(filename);
  return {
    filename,
    swcrc: false, // a user's .swcrc must not change how revisions compile
    configFile: false,
    // Inlined after its holes are filled (decorator-source-map.ts), so stack frames and load
    // errors point at the .ts line.
    sourceMaps: true,
    inlineSourcesContent: false,
    // `0 && (module.exports = { User: null })` tells Node's CommonJS lexer the export names, so
    // an ES module can `import { User }` from a .cts file (tsc's `exports.User = …` does the same).
    module: format === 'module' ? { type: 'es6' } : { type: 'commonjs', exportInteropAnnotation: true },
    jsc: {
      target: 'es2022',
      keepClassNames: true, // TypeORM derives table names from class names
      parser: { syntax: 'typescript', decorators: true, tsx: extname(filename) === '.tsx' },
      transform: {
        // As the nearest tsconfig says (experimentalDecorators, emitDecoratorMetadata,
        // useDefineForClassFields); without one, legacy decorators with metadata and no define
        // semantics, so declared-only fields do not shadow TypeORM's lazy-relation accessors.
        legacyDecorator: project.legacyDecorators,
        decoratorMetadata: project.decoratorMetadata,
        ...(project.legacyDecorators ? {} : { decoratorVersion: '2022-03' as const }),
        useDefineForClassFields: project.useDefineForClassFields,
      },
    },
  };
}

let swcVersion: string | undefined;
function getSwcVersion(): string {
  // Read from disk rather than loading the native binding, which a cache hit must avoid.
  swcVersion ??= (
    JSON.parse(readFileSync(join(dirname(require.resolve('@swc/core')), 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  return swcVersion;
}

let cacheDirectory: string | null | undefined;
/** `node_modules/.cache/entity-migrate` of the nearest node_modules above the cwd, else tmpdir. */
export function transpileCacheDir(): string | null {
  if (cacheDirectory !== undefined) return cacheDirectory;
  const fromEnv = process.env.ENTITY_MIGRATE_CACHE_DIR;
  if (fromEnv === '0' || fromEnv === 'false') return (cacheDirectory = null);
  if (fromEnv) return (cacheDirectory = fromEnv);
  let dir = process.cwd();
  for (;;) {
    if (existsSync(join(dir, 'node_modules'))) return (cacheDirectory = join(dir, 'node_modules', '.cache', 'entity-migrate'));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return (cacheDirectory = join(tmpdir(), 'entity-migrate-cache'));
}

/**
 * Create the cache directory (and any missing parent) for its owner alone: its files are compiled
 * copies of users' modules, a config holding a password among them.
 */
export function createCacheDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * The permission bits a compiled copy of `filename` may have: never more than its source grants
 * (a config kept at 0600 for its password gives a 0600 copy). Group and other bits follow the
 * source; the owner, who writes the cache, keeps read and write. An unreadable mode gives 0600.
 */
function cacheFileMode(filename: string): number {
  try {
    return 0o600 | (statSync(filename).mode & 0o066);
  } catch {
    return 0o600;
  }
}

/** A cache file more open than its source allows (written before modes were kept) is narrowed. */
function narrowCacheFile(cacheFile: string, mode: number): void {
  try {
    if (statSync(cacheFile).mode & 0o077 & ~mode) chmodSync(cacheFile, mode);
  } catch {
    // Someone else's file: reading it does not make it more readable.
  }
}

/** For tests: forget the memoized cache directory (e.g. after changing ENTITY_MIGRATE_CACHE_DIR). */
export function resetTranspileCacheDir(): void {
  cacheDirectory = undefined;
}

function cacheKey(filename: string, source: string, format: ModuleFormat): string {
  // The file name is part of the key because the inline source map names it.
  return createHash('sha1')
    .update(`${getSwcVersion()} ${TRANSFORM_VERSION}`)
    .update('\0')
    .update(JSON.stringify(swcOptions(filename, format)))
    .update('\0')
    .update(source)
    .digest('hex');
}

/** Transpile one file's source, from the cache when possible. Syntax errors throw `LoadError`. */
export function transpile(filename: string, source: string, format: ModuleFormat = 'commonjs'): string {
  const dir = transpileCacheDir();
  const cacheFile = dir === null ? undefined : join(dir, `${cacheKey(filename, source, format)}.js`);
  const mode = cacheFileMode(filename);
  if (cacheFile) {
    try {
      const hit = readFileSync(cacheFile, 'utf8');
      transpileStats.cacheHits++;
      narrowCacheFile(cacheFile, mode);
      return hit;
    } catch {
      // miss: compile below
    }
  }
  const code = compile(filename, source, format);
  if (cacheFile) writeCache(cacheFile, code, mode);
  return code;
}

function compile(filename: string, source: string, format: ModuleFormat): string {
  // Lazy: loading the native binding costs tens of milliseconds, paid only on a cache miss.
  const swc = require('@swc/core') as typeof import('@swc/core');
  transpileStats.compiled++;
  const options = swcOptions(filename, format);
  let output: { code: string; map?: string };
  try {
    output = swc.transformSync(source, options);
  } catch (error) {
    throw syntaxError(filename, error);
  }
  // The rewrites below work on swc's own AST of the output (and, for decorators, of the source).
  const out = parseOutputStatements(swc, output.code);
  let map = JSON.parse(output.map ?? '{"mappings":""}') as RawSourceMap;
  // Files without decorators (revisions, configs) have nothing to fill: swc maps all their code.
  if (options.jsc?.transform?.legacyDecorator && hasDecoratorStatements(out.ast)) {
    const ast = swc.parseSync(source, { syntax: 'typescript', decorators: true, tsx: extname(filename) === '.tsx' });
    map = fillDecoratorMappings(map, out, { ast, spans: new SpanText(source, ast) });
  }
  // ES modules keep Node's own cycle semantics (imported bindings in their TDZ), as compiled ESM would.
  const code = format === 'commonjs' ? tolerateTdzInExports(output.code, out.ast, out.spans) : output.code;
  return `${code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}

function writeCache(cacheFile: string, code: string, mode: number): void {
  try {
    createCacheDir(dirname(cacheFile));
    // Write then rename, so a concurrent reader never sees half a file; the mode is set at
    // creation (the umask may narrow it further), so no moment has a more open copy.
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, code, { mode });
    renameSync(tmp, cacheFile);
  } catch {
    // A read-only or full disk only costs speed.
  }
}

/**
 * swc reports a parse error as a rendered snippet:
 *   x Expression expected
 *    ,-[/abs/file.ts:3:1]
 *  3 | const x = ;
 *    :           ^
 * The bracketed column is the snippet's, not the error's, so the caret line is the source of truth.
 */
export function parseSwcError(text: string): { message: string; line?: number; column?: number } {
  const lines = text.split('\n');
  const message = (lines.find((l) => /^\s*x\s/.test(l)) ?? lines[0] ?? 'syntax error').replace(/^\s*x\s+/, '').trim();
  for (let i = 1; i < lines.length; i++) {
    const caret = /^\s*:\s*(\^)/.exec(lines[i] ?? '');
    const code = /^\s*(\d+)\s\|/.exec(lines[i - 1] ?? '');
    if (caret && code) {
      const bar = (lines[i - 1] ?? '').indexOf('|');
      const caretAt = (lines[i] ?? '').indexOf('^');
      return { message, line: Number(code[1]), column: Math.max(1, caretAt - bar - 1) };
    }
  }
  const bracket = /,-\[.*:(\d+):(\d+)\]/.exec(text);
  if (bracket) return { message, line: Number(bracket[1]), column: Number(bracket[2]) };
  return { message };
}

function syntaxError(filename: string, error: unknown): LoadError {
  const text = error instanceof Error ? error.message : String(error);
  const { message, line, column } = parseSwcError(text.split('\nCaused by:')[0] ?? text);
  const where = line === undefined ? displayPath(filename) : `${displayPath(filename)}:${line}:${column ?? 1}`;
  return new LoadError(`${where}: ${message}`, filename, { cause: error });
}
