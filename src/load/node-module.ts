/**
 * The parts of Node's CommonJS loader that the TypeScript require hook uses: undocumented, stable
 * since early Node and used by every require hook (ts-node, @swc/register, pirates).
 * - `Module._extensions[ext](module, filename)` loads a file by its extension.
 * - `Module._resolveFilename(request, parent, isMain, options)` turns a request into a file name.
 * - `module._compile(code, filename)` runs CommonJS code as that module.
 */
import type { Module as NodeModule } from 'node:module';

declare module 'module' {
  namespace Module {
    let _extensions: Record<string, (module: NodeModule, filename: string) => void>;
    let _resolveFilename: (request: string, parent: NodeModule | undefined, isMain: boolean, options?: unknown) => string;
  }
  interface Module {
    _compile(code: string, filename: string): void;
  }
}
