import { defineCommand } from '../command';
import { listingOptions, printRevisions, shortLine } from '../format-revision';
import { printChangedRevisions } from '../print-changed';
import { targetOptions } from '../target-options';
import { withTargets } from '../with-targets';

export const currentCommand = defineCommand({
  command: 'current',
  describe: 'Show the revision(s) the database is at',
  builder: (y) => targetOptions(listingOptions(y)),
  run: (argv, io) =>
    withTargets(argv, io, { entities: false }, async (migrator, io, progress) => {
      const current = await migrator.current();
      progress.from = progress.to = current.map((r) => r.id);
      progress.result = current.length === 0 ? 'at base' : current.every((r) => r.isHead) ? 'at head' : 'not at head';
      if (current.length === 0 && !argv.quiet && !argv.json) io.stderr('The database is at base (no revision applied)');
      printRevisions(io, current, argv, shortLine);
      if (argv.v) printChangedRevisions(io, await migrator.changedRevisions());
    }),
});
