/** Files a test writes: folders are created as needed. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Write `text` to `relativePath` under `dir`; returns the file's path. */
export function writeFile(dir: string, relativePath: string, text: string): string {
  const file = join(dir, relativePath);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** Write each `relativePath → text` under `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [relativePath, text] of Object.entries(files)) writeFile(dir, relativePath, text);
}
