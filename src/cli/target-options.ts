/**
 * `--all-targets`, `--target NAME` (repeatable, or a comma list) and `--concurrency N`: the flags
 * of upgrade, downgrade, current, check and status that run the command on the config's targets.
 */
import type { Argv } from 'yargs';
import type { TargetSelection } from '../config/targets';
import { checkConcurrency, DEFAULT_TARGET_CONCURRENCY } from '../runtime/for-each-target';
import { UsageError } from './usage-error';

export interface TargetArgs {
  'all-targets': boolean;
  target?: string | string[];
  concurrency?: number;
}

export function targetOptions<T>(yargs: Argv<T>): Argv<T & TargetArgs> {
  return yargs
    .option('all-targets', { type: 'boolean', default: false, describe: "Run on every target of the config's \"targets\" (tenant schemas, databases)" })
    .option('target', { type: 'string', describe: 'Run on this target of the config (repeat the flag, or NAME,NAME)' })
    .option('concurrency', {
      type: 'number',
      describe: `How many targets run at once with --all-targets / --target (default ${DEFAULT_TARGET_CONCURRENCY})`,
    }) as Argv<T & TargetArgs>;
}

/** What the flags ask for, checked; undefined when they ask for no targets (the plain data source). */
export function targetSelection(argv: TargetArgs): (TargetSelection & { concurrency: number }) | undefined {
  const names = [argv.target ?? []].flat().flatMap((t) => String(t).split(',')).map((n) => n.trim());
  if (names.some((n) => n === '')) throw new UsageError('--target needs a target name (--target NAME, or NAME,NAME)');
  if (argv['all-targets'] && names.length > 0) throw new UsageError('--all-targets and --target both given; use one of them');
  if (!argv['all-targets'] && names.length === 0) {
    if (argv.concurrency !== undefined) throw new UsageError('--concurrency applies to --all-targets / --target only');
    return undefined;
  }
  const concurrency = checkConcurrency(argv.concurrency ?? DEFAULT_TARGET_CONCURRENCY, '--concurrency');
  return { all: argv['all-targets'], names: [...new Set(names)], concurrency };
}
