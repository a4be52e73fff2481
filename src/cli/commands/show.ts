import { defineCommand } from '../command';
import { verboseBlock } from '../format-revision';
import { withMigrator } from '../with-migrator';

export const showCommand = defineCommand({
  command: 'show <rev>',
  describe: 'Show one revision (id, unique prefix, head)',
  builder: (y) => y.positional('rev', { type: 'string', demandOption: true }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: false }, async (migrator) => {
      const id = argv.rev === 'head' ? migrator.headId() : argv.rev;
      io.stdout(verboseBlock(migrator.show(id), io.cwd));
    }),
});
