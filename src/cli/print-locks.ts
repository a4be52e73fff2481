/**
 * The lock report on the terminal: under each op, what it locks and what waits meanwhile; then a
 * warning line for each op that holds off the app's writes while it works on a large table.
 */
import { describeImpact, describeSize, type LockReport, type OpLocks } from '../runtime/lock-report';
import type { CliIo } from './io';

/**
 * Each op's summary line with its lock lines indented under it: every op on stdout (check's op
 * list), or only the ops that lock an existing table on stderr (beside a revision written).
 */
export function printOpsWithLocks(io: CliIo, report: LockReport, where: 'stdout' | 'stderr' = 'stdout'): void {
  const write = (line: string) => (where === 'stdout' ? io.stdout(line) : io.stderr(line));
  for (const op of report.ops) {
    if (where === 'stderr' && op.impacts.length === 0) continue;
    write(`  ${op.description}`);
    for (const impact of op.impacts) {
      const line = `      lock: ${describeImpact(impact)}`;
      write(impact.warning ? io.color.yellow(line) : line);
    }
  }
}

/** One line per op that blocks the app on a large table; returns how many. */
export function printLockWarnings(io: CliIo, report: LockReport): number {
  for (const op of report.warnings) io.stderr(`${io.color.yellow('warning:')} blocking: ${warningText(op, report.largeTableRows)}`);
  return report.warnings.length;
}

/** `+ index … holds off writes to orders (~1,000,000 rows, 72 MB) while it builds an index over every row`. */
export function warningText(op: OpLocks, largeTableRows: number): string {
  const [impact] = op.impacts.filter((i) => i.warning);
  const what = impact.blocksReads ? 'reads and writes to' : 'writes to';
  const work = { scan: 'reads every row', build: 'builds an index over every row', rewrite: 'rewrites every row' }[impact.work as 'scan' | 'build' | 'rewrite'];
  return `${op.description} holds off ${what} ${impact.table} (${describeSize(impact.size!)}; large from ${largeTableRows.toLocaleString('en-US')} rows) while it ${work}`;
}
