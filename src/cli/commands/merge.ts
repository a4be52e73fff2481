import { relative } from 'node:path';
import { defineCommand } from '../command';
import { withMigrator } from '../with-migrator';

export const mergeCommand = defineCommand({
  command: 'merge <revisions..>',
  describe: 'Write a revision with two or more parents, to rejoin divergent heads',
  builder: (y) =>
    y
      .positional('revisions', { type: 'string', array: true, demandOption: true, describe: 'REV REV … or heads' })
      .option('message', { alias: 'm', type: 'string', demandOption: true, describe: 'Message' })
      .option('rev-id', { type: 'string', describe: 'Use this revision id instead of a random one' }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: false }, async (migrator) => {
      const revisions = argv.revisions.flatMap((r) => (r === 'heads' ? migrator.heads().map((h) => h.id) : [r]));
      const file = migrator.merge(revisions, argv.message, argv['rev-id']);
      io.stdout(relative(io.cwd, file));
    }),
});
