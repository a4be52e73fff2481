import type { RunResult, StepReport } from '../runtime/migrator';
import type { LockRetry } from '../runtime/lock-wait';
import type { GlobalOptions } from './global-options';
import type { CliIo } from './io';
import { printable } from './printable';

/**
 * What upgrade/downgrade/stamp print. With --sql the script goes to stdout and nothing else does,
 * so `upgrade --sql > out.sql` is a clean file; progress then goes to stderr.
 */
export const printRun = {
  progress(io: CliIo, argv: GlobalOptions & { sql?: boolean }): (step: StepReport) => void {
    return (step) => {
      if (argv.quiet) return;
      const parents = step.downRevisions.length === 0 ? '<base>' : step.downRevisions.join(', ');
      const line =
        step.direction === 'up'
          ? `Running upgrade ${parents} -> ${step.revision}, ${printable(step.message)}`
          : `Running downgrade ${step.revision} -> ${parents}, ${printable(step.message)}`;
      (argv.sql ? io.stderr : io.stdout)(line);
    };
  },

  /** A revision that waited too long for a lock: a warning, whatever --quiet says (the run takes longer). */
  retry(io: CliIo): (retry: LockRetry) => void {
    return (retry) =>
      io.stderr(
        `${io.color.yellow('warning:')} revision ${retry.revision}: ${retry.reason}; rolled back, trying again in ${Math.round(retry.delayMs / 1000)} s (${retry.attempt}/${retry.retries})`,
      );
  },

  /** Something about an op as it ran (an online fallback): a warning, whatever --quiet says. */
  warning(io: CliIo): (message: string) => void {
    return (message) => io.stderr(`${io.color.yellow('warning:')} ${printable(message)}`);
  },

  result(io: CliIo, argv: GlobalOptions & { sql?: boolean }, result: RunResult, verb: string): void {
    if (argv.sql) {
      io.stdout(result.sql ?? '');
      return;
    }
    if (argv.quiet) return;
    if (result.steps.length === 0) io.stdout(`Nothing to ${verb}: the database is at ${result.heads.join(', ') || 'base'}`);
    else io.stdout(`Now at ${result.heads.join(', ') || 'base'}`);
  },
};
