/**
 * A throwaway project folder under test/.tmp (so `typeorm` resolves from its files) driven through
 * the built CLI in a child process: the real require hook and ESM hooks, not jest's module system.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFiles } from './files';
import { installPackage } from './install-package';
import { TMP_ROOT, type CliResult } from './project';
import { runCli } from './spawn-cli';

export class SpawnedProject {
  readonly dir: string;
  readonly cacheDir: string;
  /** The CLI this project runs: the repository's, or the copy `installPackage()` put in its node_modules. */
  private bin?: string;

  constructor(name: string) {
    this.dir = join(TMP_ROOT, `${name}-${process.pid}-${randomBytes(4).toString('hex')}`);
    this.cacheDir = join(this.dir, '.cache');
    mkdirSync(join(this.dir, 'migrations', 'versions'), { recursive: true });
  }

  /** Write files relative to the project folder. */
  write(files: Record<string, string>): this {
    writeFiles(this.dir, files);
    return this;
  }

  /**
   * Run the CLI from a copy of the package in this project's node_modules, as after `npm install`
   * (on the compat run, with TypeORM 0.3 linked beside it: see helpers/install-package.ts).
   */
  installPackage(): this {
    this.bin = installPackage(this.dir);
    return this;
  }

  /** `entity-migrate …args` in this folder, with its own transpile cache. */
  cli(...args: string[]): Promise<CliResult> {
    return runCli(args, { cwd: this.dir, env: { ENTITY_MIGRATE_CACHE_DIR: this.cacheDir }, bin: this.bin });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
