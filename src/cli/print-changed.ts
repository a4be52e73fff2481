import { relative } from 'node:path';
import type { ChangedRevision } from '../runtime/history-store';
import type { CliIo } from './io';

/** One warning per applied revision whose code changed after it ran. */
export function printChangedRevisions(io: CliIo, changed: readonly ChangedRevision[]): void {
  for (const c of changed) io.stderr(`${io.color.yellow('warning:')} ${describeChange(io, c)}`);
}

export function describeChange(io: CliIo, c: ChangedRevision): string {
  return `revision ${c.revision} (${relative(io.cwd, c.file)}) changed since it was applied (checksum ${c.appliedChecksum} -> ${c.currentChecksum})`;
}
