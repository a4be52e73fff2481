/**
 * How a TypeScript import names a file that Node cannot find as written: shared by the require
 * hook and the ESM resolve hook.
 */
import { builtinModules } from 'node:module';

const BUILTINS = new Set(builtinModules);

/** A bare specifier (a package or a tsconfig alias): not relative, absolute, `#import` or builtin. */
export function isBare(request: string): boolean {
  const first = request.charCodeAt(0);
  // '.', '/', '#', or a Windows drive letter
  if (first === 46 || first === 47 || first === 35 || /^[A-Za-z]:[\\/]/.test(request)) return false;
  return !request.startsWith('node:') && !request.startsWith('file:') && !BUILTINS.has(request.split('/')[0] ?? request);
}

/** `x.js` may name `x.ts` (and `.mjs`/`.cjs`/`.jsx` their `.mts`/`.cts`/`.tsx`): node16-style TS. */
export function withTsExtension(request: string): string[] {
  const ts = request.replace(/\.([mc]?)js(x?)$/, '.$1ts$2');
  return ts === request ? [request] : [request, ts];
}

/** A file extension Node's ESM resolution would take as written. */
const KNOWN_EXTENSION = /\.(?:[cm]?[jt]sx?|json|node|wasm)$/;

/**
 * `./user` or `./entities` (a folder's index), as TypeScript with `moduleResolution` `node` or
 * `bundler` writes them and bundlers, tsx and ts-node's `experimentalSpecifierResolution` accept:
 * an ES module import Node alone does not resolve. Empty when the request already has an extension.
 */
export function extensionlessCandidates(request: string): string[] {
  if (KNOWN_EXTENSION.test(request)) return [];
  const base = request.replace(/\/+$/, '');
  return ['.ts', '.tsx', '.mts', '.js', '/index.ts', '/index.tsx', '/index.mts', '/index.js'].map((ext) => base + ext);
}
