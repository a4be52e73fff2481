import { defineCommand } from '../command';
import { shortLine, verboseBlock } from '../format-revision';
import { withMigrator } from '../with-migrator';

export const headsCommand = defineCommand({
  command: 'heads',
  describe: 'Show the head revision(s) of the versions folder',
  builder: (y) => y.option('v', { type: 'boolean', default: false, describe: 'Show details of each revision' }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: false }, async (migrator) => {
      for (const head of migrator.heads()) {
        const info = migrator.show(head.id);
        io.stdout(argv.v ? verboseBlock(info, io.cwd) : shortLine(info));
      }
    }),
});
