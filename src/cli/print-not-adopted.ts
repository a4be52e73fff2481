/**
 * The one warning line `baseline` and `squash` print for what the database holds and their
 * revision does not create: a database built from the revision would lack it without a word.
 */
import type { CliIo } from './io';

export function printNotAdopted(io: CliIo, notAdopted: readonly string[]): void {
  if (notAdopted.length === 0) return;
  io.stderr(
    `Not adopted (the revision does not create them; add each with op.execute(...) in its upgrade and downgrade): ${notAdopted.join(', ')}`,
  );
}
