/**
 * The example shop (examples/shop) as a user's project for end-to-end tests: the app copied to a
 * folder under test/.tmp without its entity-migrate config, the built package "installed" in its
 * node_modules, and the CLI run from there in child processes, as `npx entity-migrate …` would.
 *
 * Under `npm run test:typeorm-0.3` (EM_TYPEORM_COMPAT_DIR set) the app's node_modules links
 * `typeorm`, `sqlite3`, `pg` and `reflect-metadata` to that install, so the app's entities and
 * entity-migrate itself (which resolves `typeorm` as a peer, from the app) both run on TypeORM 0.3.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TestDatabase } from '../helpers/databases';
import { SQLITE_DRIVER } from '../helpers/databases';
import type { CliResult } from '../helpers/project';
import { TMP_ROOT } from '../helpers/project';
import { installPackage } from '../helpers/install-package';
import { ensureBuilt, ROOT, runCli } from '../helpers/spawn-cli';

export const SHOP_SOURCE = join(ROOT, 'examples', 'shop');

export class ShopApp {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  private readonly bin: string;

  constructor(readonly db: TestDatabase) {
    ensureBuilt();
    this.dir = join(TMP_ROOT, `shop-${db.dialect}-${process.pid}-${randomBytes(4).toString('hex')}`);
    cpSync(SHOP_SOURCE, this.dir, {
      recursive: true,
      // The user's project before `entity-migrate init`: no config, no migrations, no build output.
      filter: (src) => !/[\\/](entity-migrate\.config\.ts|migrations|node_modules|dist)$/.test(src),
    });
    this.bin = installPackage(this.dir);
    this.env = { ...connectionEnv(db), ENTITY_MIGRATE_CACHE_DIR: join(this.dir, '.cache') };
  }

  /** `entity-migrate …args` in the app folder, in a child process. */
  cli(...args: string[]): Promise<CliResult> {
    return runCli(args, { cwd: this.dir, env: this.env, bin: this.bin });
  }

  read(relativePath: string): string {
    return readFileSync(join(this.dir, relativePath), 'utf8');
  }

  /**
   * Edit a file of the copy: every `[from, to]` must match exactly once, so an edit that no longer
   * applies to the example fails loudly instead of silently testing nothing.
   */
  edit(relativePath: string, replacements: Array<[string, string]>): void {
    let text = this.read(relativePath);
    for (const [from, to] of replacements) {
      const count = text.split(from).length - 1;
      if (count !== 1) throw new Error(`${relativePath}: expected one "${from}", found ${count}`);
      text = text.replace(from, to);
    }
    writeFileSync(join(this.dir, relativePath), text);
  }

  /** The TypeORM version that `require('typeorm')` finds from the installed CLI's code (Node's resolution, not jest's). */
  typeormVersionOfCli(): string {
    const fromCli = createRequire(join(this.dir, 'node_modules', 'typeorm-entity-migrate', 'dist', 'index.js'));
    const pkg = join(dirname(fromCli.resolve('typeorm')), 'package.json');
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  }

  revisionFiles(): string[] {
    const dir = join(this.dir, 'migrations', 'versions');
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).sort() : [];
  }

  async cleanup(): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
    await this.db.drop();
  }
}

/** The environment the shop's data-source.ts reads (see examples/shop/.env.example). */
function connectionEnv(db: TestDatabase): NodeJS.ProcessEnv {
  switch (db.dialect) {
    case 'postgres':
      return { DB_TYPE: 'postgres', DATABASE_URL: db.url };
    case 'mysql':
      return { DB_TYPE: 'mariadb', DATABASE_URL: db.url.replace(/^mysql:/, 'mariadb:') };
    case 'sqlite':
      // No DATABASE_URL: the app reads SQLITE_PATH (and entity-migrate's DATABASE_URL override stays unused).
      return { DB_TYPE: SQLITE_DRIVER, SQLITE_PATH: db.url.replace(/^sqlite:/, ''), DATABASE_URL: '' };
  }
}

