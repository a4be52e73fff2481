import { defineCommand } from '../command';
import { listingOptions, printRevisions, shortLine } from '../format-revision';
import { withMigrator } from '../with-migrator';

export const headsCommand = defineCommand({
  command: 'heads',
  describe: 'Show the head revision(s) of the versions folder',
  builder: (y) => listingOptions(y),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: false }, async (migrator) => {
      printRevisions(io, migrator.heads().map((head) => migrator.show(head.id)), argv, shortLine);
    }),
});
