import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Run the configured formatters on a freshly written revision file. A hook whose tool is not
 * installed in the project is skipped: hooks are a convenience, never a reason to fail.
 * Returns the hooks that ran.
 */
export function runPostWriteHooks(hooks: readonly string[], file: string, projectRoot: string): string[] {
  const ran: string[] = [];
  const requireFromProject = createRequire(join(projectRoot, 'package.json'));
  for (const hook of hooks) {
    const bin = HOOK_BINARIES[hook];
    if (!bin) continue;
    let script: string;
    try {
      script = requireFromProject.resolve(bin);
    } catch {
      continue;
    }
    const result = spawnSync(process.execPath, [script, ...HOOK_ARGS[hook], file], { cwd: projectRoot, stdio: 'ignore' });
    if (result.status === 0) ran.push(hook);
  }
  return ran;
}

const HOOK_BINARIES: Record<string, string> = { prettier: 'prettier/bin/prettier.cjs' };
const HOOK_ARGS: Record<string, string[]> = { prettier: ['--write', '--log-level', 'warn'] };
