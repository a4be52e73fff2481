import { defineCommand } from '../command';
import { historyLine, listingOptions, printRevisions } from '../format-revision';
import { withMigrator } from '../with-migrator';

export const historyCommand = defineCommand({
  command: 'history',
  describe: 'List revisions, newest first',
  builder: (y) =>
    listingOptions(y)
      .option('rev-range', {
        alias: 'r',
        type: 'string',
        describe: 'Range A:B, both included; either side may be empty. current, head, base, REV+N, REV-N, LABEL@head; -N/+N count from current (-r -3:); LABEL@base:LABEL@head lists one branch',
      })
      .option('indicate-current', {
        alias: 'i',
        type: 'boolean',
        default: false,
        describe: 'Mark the current revision, failing when the database cannot be read (without it, marked when it can)',
      }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: false }, async (migrator) => {
      const revisions = await migrator.history(argv['rev-range'], { indicateCurrent: argv['indicate-current'] });
      printRevisions(io, revisions, argv, historyLine);
    }),
});
