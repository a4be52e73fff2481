import { relative } from 'node:path';
import type { ResolvedConfig } from '../config/types';
import { runPostWriteHooks } from '../script/post-write-hooks';
import type { CliIo } from './io';

/**
 * Run the post-write hooks on a file just written and warn about each one that failed, with its
 * output: the file is written either way, and its path is still printed.
 */
export async function applyPostWriteHooks(io: CliIo, config: Pick<ResolvedConfig, 'postWriteHooks' | 'rootDir'>, file: string): Promise<void> {
  for (const outcome of await runPostWriteHooks(config.postWriteHooks, file, config.rootDir)) {
    if (!('warning' in outcome)) continue;
    const [first, ...output] = outcome.warning.split('\n');
    io.stderr(`${io.color.yellow('warning:')} post-write hook '${outcome.hook}' on ${relative(io.cwd, file)} ${first}; the revision is written`);
    for (const line of output) io.stderr(io.color.dim(line));
  }
}
