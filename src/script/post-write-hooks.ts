import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import type { PostWriteHook } from '../config/types';

/** What became of one hook. `ran`: it succeeded; `skipped`: prettier is not installed; otherwise why it is a warning. */
export type HookOutcome = { hook: string; ran: true } | { hook: string; skipped: string } | { hook: string; warning: string };

/** Hooks named by a bare word, run with the project's own copy of the tool. */
const NAMED_HOOKS: Record<string, { script: string; args: string[] }> = {
  prettier: { script: 'prettier/bin/prettier.cjs', args: ['--write', '--log-level', 'warn'] },
};

/** Longest a hook may run: a formatter that waits on input must not hold the command forever. */
const HOOK_TIMEOUT_MS = 120_000;
/** Lines of a failing hook's output shown in its warning. */
const OUTPUT_LINES = 20;

/**
 * Run the configured hooks on a freshly written revision file, one after another. Hooks are a
 * convenience: a failing, missing or unknown one becomes an outcome with a warning (and the
 * hook's output), never an error, so the revision file is never lost to a formatter.
 */
export async function runPostWriteHooks(hooks: readonly PostWriteHook[], file: string, projectRoot: string): Promise<HookOutcome[]> {
  const outcomes: HookOutcome[] = [];
  for (const hook of hooks) {
    if (typeof hook === 'function') {
      const name = hook.name ? `function ${hook.name}` : 'function';
      try {
        await hook(file);
        outcomes.push({ hook: name, ran: true });
      } catch (error) {
        outcomes.push({ hook: name, warning: `threw: ${error instanceof Error ? error.message : String(error)}` });
      }
    } else outcomes.push(runCommandHook(hook.trim(), file, projectRoot));
  }
  return outcomes;
}

function runCommandHook(hook: string, file: string, projectRoot: string): HookOutcome {
  const named = NAMED_HOOKS[hook];
  if (named) {
    let script: string;
    try {
      script = createRequire(join(projectRoot, 'package.json')).resolve(named.script);
    } catch {
      return { hook, skipped: `${hook} is not installed in this project` };
    }
    return outcome(hook, spawnSync(process.execPath, [script, ...named.args, file], { cwd: projectRoot, encoding: 'utf8', timeout: HOOK_TIMEOUT_MS }));
  }
  // One bare word is a tool's name, not a command: `biome` alone would print its help, not format.
  if (/^[\w@./-]+$/.test(hook)) {
    return {
      hook,
      warning: `is not a hook entity-migrate knows (${Object.keys(NAMED_HOOKS).join(', ')}); write the command with {file} for the revision's path, e.g. '${hook} format --write {file}'`,
    };
  }
  const command = hook.includes('{file}') ? hook.replaceAll('{file}', '"$1"') : `${hook} "$1"`;
  // Like an npm script: the project's own tools first on the PATH.
  const env = { ...process.env, PATH: [join(projectRoot, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(delimiter) };
  const result =
    process.platform === 'win32'
      ? spawnSync(command.replaceAll('"$1"', `"${file}"`), { shell: true, cwd: projectRoot, env, encoding: 'utf8', timeout: HOOK_TIMEOUT_MS })
      : spawnSync('/bin/sh', ['-c', command, 'sh', file], { cwd: projectRoot, env, encoding: 'utf8', timeout: HOOK_TIMEOUT_MS });
  return outcome(hook, result);
}

function outcome(hook: string, result: SpawnSyncReturns<string>): HookOutcome {
  if (!result.error && result.status === 0) return { hook, ran: true };
  const why = result.error
    ? result.error.message
    : result.signal
      ? `was stopped by ${result.signal}${result.signal === 'SIGTERM' ? ` (after ${HOOK_TIMEOUT_MS / 1000} s?)` : ''}`
      : result.status === 127
        ? 'failed: command not found (exit 127)'
        : `failed (exit ${result.status})`;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').filter(Boolean);
  const shown = output.slice(0, OUTPUT_LINES).map((line) => `  ${line}`);
  if (output.length > OUTPUT_LINES) shown.push(`  … ${output.length - OUTPUT_LINES} more line(s)`);
  return { hook, warning: [why, ...shown].join('\n') };
}
