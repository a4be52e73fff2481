import { defineCommand } from '../command';
import { withTargets } from '../with-targets';
import { printRun } from '../print-run';
import { targetOptions } from '../target-options';

export const downgradeCommand = defineCommand({
  // The positional is `revision`, not `target`: `--target NAME` picks one of the config's targets.
  command: 'downgrade <revision>',
  describe: 'Undo revisions: to -N, base, or a revision (unique prefix), REV-N',
  builder: (y) =>
    targetOptions(
      y
        .positional('revision', { type: 'string', demandOption: true, describe: '-N | base | REV | REV-N' })
        .option('sql', { type: 'boolean', default: false, describe: 'Print the SQL instead of running it' }),
    ),
  run: (argv, io) =>
    withTargets(argv, io, { entities: true }, async (migrator, io, progress) => {
      const result = await migrator.downgrade(argv.revision, { sql: argv.sql, onStep: printRun.tracked(progress, printRun.progress(io, argv)), onRetry: printRun.retry(io) });
      printRun.result(io, argv, result, 'downgrade', progress);
    }),
});
