import { defineCommand } from '../command';
import { withMigrator } from '../with-migrator';
import { printRun } from '../print-run';

export const downgradeCommand = defineCommand({
  command: 'downgrade <target>',
  describe: 'Undo revisions: to -N, base, or a revision (unique prefix), REV-N',
  builder: (y) =>
    y
      .positional('target', { type: 'string', demandOption: true, describe: '-N | base | REV | REV-N' })
      .option('sql', { type: 'boolean', default: false, describe: 'Print the SQL instead of running it' }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: true }, async (migrator) => {
      const result = await migrator.downgrade(argv.target, { sql: argv.sql, onStep: printRun.progress(io, argv), onRetry: printRun.retry(io), onWarning: printRun.warning(io) });
      printRun.result(io, argv, result, 'downgrade');
    }),
});
