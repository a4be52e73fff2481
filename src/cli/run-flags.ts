import type { Argv } from 'yargs';
import { UsageError } from './usage-error';
import { TAG_MAX_LENGTH } from '../runtime/history-store';

/** The flags upgrade and downgrade share: `-x key=value` (repeatable) and `--tag TEXT`. */
export interface RunFlags {
  x: string[];
  tag?: string;
}

export function runFlags<T>(yargs: Argv<T>): Argv<T & RunFlags> {
  return yargs
    .option('x', { type: 'string', array: true, default: [] as string[], requiresArg: true, describe: 'key=value handed to each revision as context.args (repeatable)' })
    .option('tag', { type: 'string', requiresArg: true, describe: 'Text stored in the history row of each revision this run applies or undoes' }) as Argv<T & RunFlags>;
}

/**
 * `-x a=1 -x b=two` → `{ a: '1', b: 'two' }`, checked before anything connects: a pair without
 * `=` or a key given twice is a usage error naming it.
 */
export function runOptionsFrom(flags: RunFlags): { args: Record<string, string>; tag?: string } {
  const args: Record<string, string> = {};
  for (const pair of flags.x) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`-x ${pair}: expected key=value (e.g. -x batch=500)`);
    const key = pair.slice(0, at);
    if (Object.hasOwn(args, key)) throw new UsageError(`-x ${key} is given twice`);
    args[key] = pair.slice(at + 1);
  }
  if (flags.tag !== undefined && flags.tag.length > TAG_MAX_LENGTH) {
    throw new UsageError(`--tag is ${flags.tag.length} characters long; the history table keeps at most ${TAG_MAX_LENGTH}`);
  }
  return { args, ...(flags.tag !== undefined && { tag: flags.tag }) };
}
