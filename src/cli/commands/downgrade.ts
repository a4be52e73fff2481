import { defineCommand } from '../command';
import { withMigrator } from '../with-migrator';
import { printRun } from '../print-run';
import { runFlags, runOptionsFrom } from '../run-flags';

export const downgradeCommand = defineCommand({
  command: 'downgrade <target>',
  describe: 'Undo revisions: to -N, base, or a revision (unique prefix), REV-N',
  builder: (y) =>
    runFlags(y)
      .positional('target', { type: 'string', demandOption: true, describe: '-N | base | REV | REV-N | LABEL@-N | LABEL@base | REV@base; with --sql START:END' })
      .option('sql', { type: 'boolean', default: false, describe: 'Print the SQL instead of running it; with START:END no database is read' }),
  run: (argv, io) => {
    const run = runOptionsFrom(argv);
    return withMigrator(argv, io, { entities: true }, async (migrator) => {
      const result = await migrator.downgrade(argv.target, { ...run, sql: argv.sql, onStep: printRun.progress(io, argv), onRetry: printRun.retry(io) });
      printRun.result(io, argv, result, 'downgrade');
    });
  },
});
