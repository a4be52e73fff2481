/**
 * The built CLI in a child process, as users run it: `node bin/entity-migrate.js …`. For tests that
 * need real processes (several at once, SIGKILL) or the real loader outside jest's module system.
 *
 * `bin/` needs `dist/`. CI builds before the tests (`pretest`); when running jest alone,
 * `ensureBuilt()` compiles once if dist/ is missing or older than any file in src/.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliResult } from './project';

export const ROOT = resolve(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'entity-migrate.js');
const MAIN = join(ROOT, 'dist', 'cli', 'main.js');
const SRC = join(ROOT, 'src');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  return existsSync(MAIN) && statSync(MAIN).mtimeMs >= newestMtime(SRC);
}

/**
 * Compile src/ to dist/ unless it is up to date. Jest workers may call this at the same time, so
 * one builds (holding a lock directory) and the others wait for it.
 */
export function ensureBuilt(): void {
  if (isFresh()) return;
  const lock = join(ROOT, 'test', '.tmp', '.build-lock');
  mkdirSync(join(ROOT, 'test', '.tmp'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker builds; a lock older than two minutes is left over from a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmdirSync(lock);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (isFresh()) return;
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    } catch (error) {
      // tsc still emits on type errors (someone's edit in progress); only a missing build is fatal.
      if (!isFresh()) {
        const output = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
        throw new Error(`npx tsc -p tsconfig.build.json failed:\n${output}`);
      }
    }
  } finally {
    rmdirSync(lock);
  }
}

export interface SpawnOptions {
  cwd: string;
  /** Added to the environment (which has NO_COLOR set). */
  env?: NodeJS.ProcessEnv;
  /** Another copy of bin/entity-migrate.js, e.g. one installed in a test app's node_modules. */
  bin?: string;
}

export interface RunningCli {
  child: ChildProcess;
  /** Output so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves when the process exits; `code` is -1 when a signal ended it. */
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

/** Start `entity-migrate …args` in `cwd`. */
export function startCli(args: string[], options: SpawnOptions): RunningCli {
  const child = spawn(process.execPath, [options.bin ?? BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code: code ?? -1, signal, stdout, stderr }));
  });
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    done,
  };
}

/** Run `entity-migrate …args` in `cwd` to completion. */
export function runCli(args: string[], options: SpawnOptions): Promise<CliResult> {
  return startCli(args, options).done;
}
