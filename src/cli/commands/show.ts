import { defineCommand } from '../command';
import { verboseBlock } from '../format-revision';
import { withMigrator } from '../with-migrator';

export const showCommand = defineCommand({
  command: 'show <rev>',
  describe: 'Show one revision: an id, a unique prefix, head, base or current (the database\'s)',
  builder: (y) => y.positional('rev', { type: 'string', demandOption: true, describe: 'REV | head | heads | LABEL@head | REV+N | base | current' }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: false }, async (migrator) => {
      for (const revision of await migrator.showSymbolic(argv.rev)) io.stdout(verboseBlock(revision, io.cwd));
    }),
});
