import { defineCommand } from '../command';
import { historyLine, verboseBlock } from '../format-revision';
import { withMigrator } from '../with-migrator';

export const historyCommand = defineCommand({
  command: 'history',
  describe: 'List revisions, newest first',
  builder: (y) =>
    y
      .option('rev-range', { alias: 'r', type: 'string', describe: 'Range A:B (either side may be empty; current, head, base)' })
      .option('v', { type: 'boolean', default: false, describe: 'Show details of each revision' }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: false }, async (migrator) => {
      for (const rev of await migrator.history(argv['rev-range'])) {
        io.stdout(argv.v ? verboseBlock(rev, io.cwd) : historyLine(rev));
      }
    }),
});
