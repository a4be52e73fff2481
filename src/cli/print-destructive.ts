import type { DestructiveChange } from '../autogenerate';
import type { CliIo } from './io';

/** Every change that loses data gets a warning line, and the way to avoid it when there is one. */
export function printDestructive(io: CliIo, changes: readonly DestructiveChange[]): void {
  for (const change of changes) {
    io.stderr(`${io.color.yellow('warning:')} destructive: ${change.reason}${change.hint ? ` (${change.hint})` : ''}`);
  }
}
