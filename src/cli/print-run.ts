import type { RunResult, StepReport } from '../runtime/migrator';
import type { LockRetry } from '../runtime/lock-wait';
import type { GlobalOptions } from './global-options';
import type { CliIo } from './io';
import { printable } from './printable';
import type { TargetProgress } from './with-targets';

/**
 * What upgrade/downgrade/stamp print. With --sql the script goes to stdout and nothing else does,
 * so `upgrade --sql > out.sql` is a clean file; progress then goes to stderr.
 */
/** `0.4 s`, `12.4 s`, `3 min 05 s`. */
function elapsed(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

export const printRun = {
  /**
   * One line per revision run. A run of several says where it is and since when it runs,
   * `[37/300, 12.4 s] Running upgrade …`, so a long one shows it is moving and how fast.
   */
  progress(io: CliIo, argv: GlobalOptions & { sql?: boolean }): (step: StepReport) => void {
    const started = Date.now();
    return (step) => {
      if (argv.quiet) return;
      const parents = step.downRevisions.length === 0 ? '<base>' : step.downRevisions.join(', ');
      const line =
        step.direction === 'up'
          ? `Running upgrade ${parents} -> ${step.revision}, ${printable(step.message)}`
          : `Running downgrade ${step.revision} -> ${parents}, ${printable(step.message)}`;
      const where = step.of > 1 ? `${io.color.dim(`[${step.position}/${step.of}, ${elapsed(Date.now() - started)}]`)} ` : '';
      (argv.sql ? io.stderr : io.stdout)(`${where}${line}`);
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

  /**
   * `onStep`, also noting in a target's progress where the run got to: if a later revision fails,
   * the summary shows the committed ones (the version table is read again then, where it can be).
   */
  tracked(progress: TargetProgress, onStep: (step: StepReport) => void): (step: StepReport) => void {
    return (step) => {
      progress.from ??= step.direction === 'up' ? step.downRevisions : [step.revision];
      progress.to = step.direction === 'up' ? [step.revision] : step.downRevisions;
      onStep(step);
    };
  },

  /** A --sql script on stdout; where the database could not say where it starts, a warning on stderr. */
  script(io: CliIo, result: RunResult): void {
    // Said where it cannot be missed: the script may be meant for a database at another revision.
    if (result.scriptStart?.from === 'unreadable') {
      io.stderr(`${io.color.yellow('warning:')} ${result.scriptStart.reason}; the script starts at base (write START:END to choose where it starts)`);
    }
    io.stdout(result.sql ?? '');
  },

  result(io: CliIo, argv: GlobalOptions & { sql?: boolean }, result: RunResult, verb: string, progress?: TargetProgress): void {
    if (progress) {
      progress.from = result.from;
      progress.to = result.heads;
      progress.result = result.steps.length === 0 ? 'nothing to do' : `${result.steps.length} revision(s)`;
    }
    if (argv.sql) {
      printRun.script(io, result);
      return;
    }
    if (argv.quiet) return;
    if (result.steps.length === 0) io.stdout(`Nothing to ${verb}: the database is at ${result.heads.join(', ') || 'base'}`);
    else io.stdout(`Now at ${result.heads.join(', ') || 'base'}`);
  },
};
