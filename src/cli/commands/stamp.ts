import { defineCommand } from '../command';
import { printRun } from '../print-run';
import { withMigrator } from '../with-migrator';

export const stampCommand = defineCommand({
  command: 'stamp <rev>',
  describe: 'Set the version table to a revision without running any migration',
  builder: (y) =>
    y
      .positional('rev', { type: 'string', demandOption: true, describe: 'REV | head | heads | base | LABEL@head; with --sql also START:END (connects to nothing)' })
      .option('sql', { type: 'boolean', default: false, describe: 'Print the SQL instead of running it' })
      .option('purge', { type: 'boolean', default: false, describe: 'Replace every row of the version table first, whatever it holds (e.g. a revision and its descendant)' }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: false }, async (migrator) => {
      const result = await migrator.stamp(argv.rev, { sql: argv.sql, purge: argv.purge });
      if (argv.sql) printRun.script(io, result);
      else if (!argv.quiet) io.stdout(`Stamped ${result.heads.join(', ') || 'base'}`);
    }),
});
