/**
 * What the nearest tsconfig.json (with its `extends` chain) of a loaded file says about compiling
 * and resolving it: decorator flavour, class-field semantics, `paths` and `baseUrl`.
 *
 * Memoized per directory: every entity in a folder shares one lookup, and get-tsconfig is loaded
 * only once a TypeScript file is, so plain JavaScript projects never pay for it.
 */
import { dirname, join } from 'node:path';
import { LoadError } from '../errors';
import { displayPath } from '../display-path';
import type { TsConfigResult } from 'get-tsconfig';

export interface TsProject {
  /** The tsconfig.json that applies, or undefined (then the defaults below). */
  tsconfig?: string;
  /** `experimentalDecorators`; without a tsconfig, on (TypeORM needs it). */
  legacyDecorators: boolean;
  /** `emitDecoratorMetadata` (only with legacy decorators, as in tsc). */
  decoratorMetadata: boolean;
  /** `useDefineForClassFields`, defaulting as tsc does from `target` (true from ES2022). */
  useDefineForClassFields: boolean;
  /** Candidate paths for a bare specifier, when `paths` or `baseUrl` is set. */
  aliases?: Aliases;
}

export interface Aliases {
  /** From a `paths` pattern other than `*`: tried before node_modules, as tsc does. */
  explicit(request: string): string[];
  /** From `baseUrl` or a `*` pattern: tried only where Node finds nothing, so bare imports of packages cost nothing. */
  fallback(request: string): string[];
}

/** With no tsconfig: what this loader always did, and what TypeORM's decorators need. */
const DEFAULTS: TsProject = { legacyDecorators: true, decoratorMetadata: true, useDefineForClassFields: false };

const byDirectory = new Map<string, TsProject>();
const parsed = new Map<string, TsProject>();
// get-tsconfig's own cache of file reads and parses, shared across lookups.
const fsCache = new Map<string, unknown>();

/** The project settings for a file. */
export function tsProjectFor(file: string): TsProject {
  const dir = dirname(file);
  let project = byDirectory.get(dir);
  if (project === undefined) {
    project = lookUp(dir);
    byDirectory.set(dir, project);
  }
  return project;
}

function lookUp(dir: string): TsProject {
  const { findTsconfig, getTsconfig } = require('get-tsconfig') as typeof import('get-tsconfig');
  let found: TsConfigResult | null;
  try {
    found = getTsconfig(dir, 'tsconfig.json', fsCache);
  } catch (error) {
    // A broken `extends` chain: name the tsconfig, as tsc would.
    const tsconfig = findTsconfig(dir, 'tsconfig.json', fsCache) ?? join(dir, 'tsconfig.json');
    throw new LoadError(`${displayPath(tsconfig)}: ${(error as Error).message}`, tsconfig, { cause: error });
  }
  if (!found) return DEFAULTS;
  let project = parsed.get(found.path);
  if (!project) {
    project = fromTsconfig(found);
    parsed.set(found.path, project);
  }
  return project;
}

function fromTsconfig(found: TsConfigResult): TsProject {
  const options = found.config.compilerOptions ?? {};
  const legacyDecorators = options.experimentalDecorators === true;
  return {
    tsconfig: found.path,
    legacyDecorators,
    decoratorMetadata: legacyDecorators && options.emitDecoratorMetadata === true,
    // get-tsconfig fills in tsc's target-dependent default; an unset target is ES5 in tsc 5 (false).
    useDefineForClassFields: options.useDefineForClassFields ?? false,
    aliases: aliasesOf(found),
  };
}

function aliasesOf(found: TsConfigResult): Aliases | undefined {
  const { createPathsMatcher } = require('get-tsconfig') as typeof import('get-tsconfig');
  const match = createPathsMatcher(found);
  if (!match) return undefined;
  const patterns = Object.keys(found.config.compilerOptions?.paths ?? {})
    .filter((key) => key !== '*')
    .map((key) => {
      const star = key.indexOf('*');
      return star < 0 ? { prefix: key, suffix: '', exact: true } : { prefix: key.slice(0, star), suffix: key.slice(star + 1), exact: false };
    });
  const isExplicit = (request: string): boolean =>
    patterns.some((p) =>
      p.exact ? request === p.prefix : request.length >= p.prefix.length + p.suffix.length && request.startsWith(p.prefix) && request.endsWith(p.suffix),
    );
  return {
    explicit: (request) => (isExplicit(request) ? match(request) : []),
    fallback: (request) => (isExplicit(request) ? [] : match(request)),
  };
}
