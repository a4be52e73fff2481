import { defineCommand } from '../command';
import { shortLine, verboseBlock } from '../format-revision';
import { printChangedRevisions } from '../print-changed';
import { withMigrator } from '../with-migrator';

export const currentCommand = defineCommand({
  command: 'current',
  describe: 'Show the revision(s) the database is at',
  builder: (y) => y.option('v', { type: 'boolean', default: false, describe: 'Show details of each revision' }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: false }, async (migrator) => {
      const current = await migrator.current();
      if (current.length === 0 && !argv.quiet) io.stderr('The database is at base (no revision applied)');
      for (const rev of current) io.stdout(argv.v ? verboseBlock(rev, io.cwd) : shortLine(rev));
      if (argv.v) printChangedRevisions(io, await migrator.changedRevisions());
    }),
});
