import { defineCommand } from '../command';
import { historyLine, listingOptions, printRevisions } from '../format-revision';
import { withMigrator } from '../with-migrator';

export const historyCommand = defineCommand({
  command: 'history',
  describe: 'List revisions, newest first',
  builder: (y) =>
    listingOptions(y).option('rev-range', {
      alias: 'r',
      type: 'string',
      describe: 'Range A:B (either side may be empty; current, head, base)',
    }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: false }, async (migrator) => {
      printRevisions(io, await migrator.history(argv['rev-range']), argv, historyLine);
    }),
});
