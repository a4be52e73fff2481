import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * A secret mounted as a file (Docker and Kubernetes secrets): `<NAME>_FILE` in the environment
 * says where, else `secrets/<file>` in the folder the app runs in.
 */
export async function readSecret(name: string, file: string): Promise<string> {
  const path = process.env[`${name}_FILE`] ?? resolve('secrets', file);
  return (await readFile(path, 'utf8')).trim();
}
