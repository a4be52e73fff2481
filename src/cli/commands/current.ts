import { defineCommand } from '../command';
import { listingOptions, printRevisions, shortLine } from '../format-revision';
import { printChangedRevisions } from '../print-changed';
import { withMigrator } from '../with-migrator';

export const currentCommand = defineCommand({
  command: 'current',
  describe: 'Show the revision(s) the database is at',
  builder: (y) => listingOptions(y),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: false }, async (migrator) => {
      const current = await migrator.current();
      if (current.length === 0 && !argv.quiet && !argv.json) io.stderr('The database is at base (no revision applied)');
      printRevisions(io, current, argv, shortLine);
      if (argv.v) printChangedRevisions(io, await migrator.changedRevisions());
    }),
});
