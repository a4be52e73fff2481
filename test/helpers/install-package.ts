/**
 * `npm install typeorm-entity-migrate` without the registry, for tests that run the CLI from a
 * user's project: the package's files (bin, dist, templates, package.json) copied into the
 * project's node_modules. Its own dependencies resolve from the repository's node_modules further
 * up; `typeorm` from the project's node_modules first.
 *
 * Under `npm run test:typeorm-0.3` (EM_TYPEORM_COMPAT_DIR set) the project's node_modules links
 * `typeorm`, `sqlite3`, `pg` and `reflect-metadata` to that install, so the project's entities and
 * entity-migrate itself (which resolves `typeorm` as a peer, from the project) both run on TypeORM 0.3.
 */
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './spawn-cli';

/** Packages the 0.3 run takes from the compat install instead of the repository's. */
const COMPAT_PACKAGES = ['typeorm', 'sqlite3', 'pg', 'reflect-metadata'];

/** The TypeORM install the compat run uses, if this is one. */
export const TYPEORM_COMPAT_DIR = process.env.EM_TYPEORM_COMPAT_DIR;

/** Install the built package into `projectDir`; returns the path of its bin/entity-migrate.js. */
export function installPackage(projectDir: string): string {
  const modules = join(projectDir, 'node_modules');
  const target = join(modules, 'typeorm-entity-migrate');
  mkdirSync(target, { recursive: true });
  for (const entry of ['package.json', 'bin', 'dist', 'templates']) cpSync(join(ROOT, entry), join(target, entry), { recursive: true });
  if (TYPEORM_COMPAT_DIR) {
    const compatModules = resolve(ROOT, TYPEORM_COMPAT_DIR, 'node_modules');
    for (const name of COMPAT_PACKAGES) {
      const from = join(compatModules, name);
      if (!existsSync(from)) throw new Error(`${from} is missing: run npm ci --prefix ${TYPEORM_COMPAT_DIR}`);
      symlinkSync(from, join(modules, name), 'junction');
    }
  }
  return join(target, 'bin', 'entity-migrate.js');
}
