import { describeOp } from '../ops/describe';
import type { Op } from '../ops/types';
import type { CliIo } from './io';

/**
 * The change summary `revision --autogenerate` also writes in the file's header, one line per op
 * (`+ table user (3 columns)`, `~ column user.name (length)`, `- index …`), on stderr so that stdout
 * stays the file's path: green for what is added, yellow for what changes, red for what goes.
 */
export function printChanges(io: CliIo, ops: readonly Op[]): void {
  if (ops.length === 0) return;
  io.stderr('Changes:');
  for (const op of ops) {
    const line = describeOp(op);
    const paint = line.startsWith('+') ? io.color.green : line.startsWith('-') ? io.color.red : line.startsWith('~') ? io.color.yellow : io.color.magenta;
    io.stderr(`  ${paint(line)}`);
  }
}
