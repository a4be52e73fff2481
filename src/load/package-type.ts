/**
 * The `"type"` of the nearest package.json: whether `.js` (and, for us, `.ts`) files in a folder
 * are ES modules. Memoized per directory; read on every ESM decision, so it must stay cheap.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const byDirectory = new Map<string, string | undefined>();

function packageTypeOf(file: string): string | undefined {
  return typeIn(dirname(file));
}

function typeIn(dir: string): string | undefined {
  if (byDirectory.has(dir)) return byDirectory.get(dir);
  let type: string | undefined;
  let found = false;
  try {
    type = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: string }).type;
    found = true;
  } catch (error) {
    // No package.json here (or an unreadable one, which Node would also ignore): ask the parent.
    found = (error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ENOTDIR';
  }
  if (!found) {
    const parent = dirname(dir);
    type = parent === dir ? undefined : typeIn(parent);
  }
  byDirectory.set(dir, type);
  return type;
}

/** Whether Node (with our hooks) loads `file` as an ES module: .mjs, .mts, or .js/.ts/.tsx in a `"type": "module"` package. */
export function isEsmFile(file: string): boolean {
  const dot = file.lastIndexOf('.');
  const ext = dot < 0 ? '' : file.slice(dot);
  if (ext === '.mjs' || ext === '.mts') return true;
  if (ext !== '.js' && ext !== '.ts' && ext !== '.tsx') return false;
  return packageTypeOf(file) === 'module';
}
