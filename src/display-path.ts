import { isAbsolute, relative } from 'node:path';

/** A path as users want to read it in a one-line error: relative to the cwd when below it. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}
