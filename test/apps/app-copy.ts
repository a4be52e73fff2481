/**
 * An example app from examples/<name>, copied to a temp folder and set up as if its dependencies
 * were installed: node_modules holds symlinks to this repository's own node_modules (third-party
 * packages), `typeorm-entity-migrate` pointing at this repository (built: `dist/`), workspace
 * packages pointing at their folders, and `.bin/entity-migrate`. The CLI then runs there as a user
 * runs `npx entity-migrate`.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { ROOT, runCli, startCli, type RunningCli } from '../helpers/spawn-cli';
import type { CliResult } from '../helpers/project';
import type { TestDatabase } from '../helpers/databases';

const execFileAsync = promisify(execFile);

/** Environment for every process the test starts: nothing of the developer's database settings. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(DATABASE_URL|DB_[A-Z_]+|PG[A-Z]+|ENTITY_MIGRATE_CACHE_DIR|NODE_OPTIONS)$/.test(key)) delete env[key];
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

export class AppCopy {
  readonly dir: string;

  constructor(example: string, options: { workspaces?: Record<string, string> } = {}) {
    this.dir = mkdtempSync(join(tmpdir(), `em-app-${example}-`));
    cpSync(join(ROOT, 'examples', example), this.dir, {
      recursive: true,
      filter: (src) => !/[/\\](node_modules|dist)$/.test(src) && !src.endsWith(`${join('/', '.env')}`),
    });
    const modules = join(this.dir, 'node_modules');
    mkdirSync(modules);
    for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
      if (entry.startsWith('.')) continue; // .bin, .cache, .package-lock.json: the copy has its own
      symlinkSync(join(ROOT, 'node_modules', entry), join(modules, entry));
    }
    symlinkSync(ROOT, join(modules, 'typeorm-entity-migrate'));
    for (const [name, folder] of Object.entries(options.workspaces ?? {})) {
      const link = join(modules, name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(relative(dirname(link), join(this.dir, folder)), link);
    }
    mkdirSync(join(modules, '.bin'));
    symlinkSync(join(ROOT, 'bin', 'entity-migrate.js'), join(modules, '.bin', 'entity-migrate'));
  }

  path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }

  read(file: string): string {
    return readFileSync(this.path(file), 'utf8');
  }

  write(file: string, content: string): void {
    mkdirSync(dirname(this.path(file)), { recursive: true });
    writeFileSync(this.path(file), content);
  }

  /** Replace `from` (which must occur exactly once) in a file: an edit a developer makes. */
  edit(file: string, from: string | RegExp, to: string): void {
    const source = this.read(file);
    const count = typeof from === 'string' ? source.split(from).length - 1 : (source.match(new RegExp(from, 'g')) ?? []).length;
    if (count !== 1) throw new Error(`${file}: expected one ${String(from)}, found ${count}`);
    this.write(file, source.replace(from, to));
  }

  revisionFiles(versionsDir = 'migrations/versions'): string[] {
    const dir = this.path(versionsDir);
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).sort() : [];
  }

  /** `entity-migrate …args` in `cwd` (relative to the copy), as a spawned process. */
  cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
    return runCli(args, { cwd: this.path(options.cwd ?? '.'), env: cleanEnv(options.env) });
  }

  startCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunningCli {
    return startCli(args, { cwd: this.path(options.cwd ?? '.'), env: cleanEnv(options.env) });
  }

  /** `node <script> …args` in the copy (or `cwd` in it). */
  async node(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
    try {
      const { stdout, stderr } = await execFileAsync(process.execPath, args, {
        cwd: this.path(options.cwd ?? '.'),
        env: cleanEnv(options.env),
        maxBuffer: 16 * 1024 * 1024,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(error) };
    }
  }

  /** The TypeScript compiler of this repository, as the app's `tsc` (`-p` relative to the copy). */
  tsc(args: string[], options: { cwd?: string } = {}): Promise<CliResult> {
    return this.node([require.resolve('typescript/bin/tsc'), ...args], options);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Fail with the command's output when it did not exit with `code`. */
export function expectExit(result: CliResult, code: number, what: string): void {
  if (result.code !== code) {
    throw new Error(`${what}: exit ${result.code}, expected ${code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
  }
}

/** The one revision path `revision` printed (relative to where it ran). */
export function printedRevision(result: CliResult): string {
  const line = result.stdout.trim().split('\n').find((l) => /versions[/\\][0-9a-f]{12}_\w*\.ts$/.test(l.trim()));
  if (!line) throw new Error(`no revision path in output:\n${result.stdout}\n${result.stderr}`);
  return line.trim();
}

export async function query<T = Record<string, unknown>>(db: TestDatabase, sql: string, params: unknown[] = []): Promise<T[]> {
  const ds = new DataSource(db.options);
  await ds.initialize();
  try {
    return (await ds.query(sql, params)) as T[];
  } finally {
    await ds.destroy();
  }
}

/** Host, port, user, password and database name of a postgres:// URL, for .env files. */
export function urlParts(url: string): { host: string; port: string; user: string; password: string; database: string } {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port || '5432',
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, ''),
  };
}
