import { defineCommand } from '../command';
import { withTargets } from '../with-targets';
import { printChangedRevisions } from '../print-changed';
import { printRun } from '../print-run';
import { targetOptions } from '../target-options';

export const upgradeCommand = defineCommand({
  // The positional is `revision`, not `target`: `--target NAME` picks one of the config's targets.
  command: 'upgrade [revision]',
  describe: 'Apply revisions forward: to head (default), +N, a revision (unique prefix), REV+N',
  builder: (y) =>
    targetOptions(
      y
        .positional('revision', { type: 'string', default: 'head', describe: 'head | heads | +N | REV | REV+N' })
        .option('sql', { type: 'boolean', default: false, describe: 'Print the SQL instead of running it' }),
    ),
  run: (argv, io) =>
    withTargets(argv, io, { entities: true }, async (migrator, io, progress) => {
      printChangedRevisions(io, await migrator.changedRevisions());
      const result = await migrator.upgrade(argv.revision, { sql: argv.sql, onStep: printRun.tracked(progress, printRun.progress(io, argv)), onRetry: printRun.retry(io) });
      printRun.result(io, argv, result, 'upgrade', progress);
    }),
});
