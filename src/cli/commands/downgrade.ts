import { defineCommand } from '../command';
import { withTargets } from '../with-targets';
import { printRun } from '../print-run';
import { runFlags, runOptionsFrom } from '../run-flags';
import { targetOptions } from '../target-options';

export const downgradeCommand = defineCommand({
  // The positional is `revision`, not `target`: `--target NAME` picks one of the config's targets.
  command: 'downgrade <revision>',
  describe: 'Undo revisions: to -N, base, or a revision (unique prefix), REV-N',
  builder: (y) =>
    targetOptions(
      runFlags(y)
        .positional('revision', { type: 'string', demandOption: true, describe: '-N | base | REV | REV-N | LABEL@-N | LABEL@base | REV@base; with --sql START:END' })
        .option('sql', { type: 'boolean', default: false, describe: 'Print the SQL instead of running it; with START:END no database is read' }),
    ),
  run: (argv, io) => {
    const run = runOptionsFrom(argv);
    return withTargets(argv, io, { entities: true }, async (migrator, io, progress) => {
      const result = await migrator.downgrade(argv.revision, { ...run, sql: argv.sql, onStep: printRun.tracked(progress, printRun.progress(io, argv)), onRetry: printRun.retry(io), onWarning: printRun.warning(io) });
      printRun.result(io, argv, result, 'downgrade', progress);
    });
  },
});
