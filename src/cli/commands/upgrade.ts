import { defineCommand } from '../command';
import { withTargets } from '../with-targets';
import { printChangedRevisions } from '../print-changed';
import { printRun } from '../print-run';
import { isRange, rangeWithoutSql } from '../../script/script-range';
import { runFlags, runOptionsFrom } from '../run-flags';
import { targetOptions } from '../target-options';

export const upgradeCommand = defineCommand({
  // The positional is `revision`, not `target`: `--target NAME` picks one of the config's targets.
  command: 'upgrade [revision]',
  describe: 'Apply revisions forward: to head (default), +N, a revision (unique prefix), REV+N',
  builder: (y) =>
    targetOptions(
      runFlags(y)
        .positional('revision', { type: 'string', default: 'head', describe: 'head | heads | +N | REV | REV+N | LABEL@head | LABEL@+N; with --sql also START:END' })
        .option('sql', { type: 'boolean', default: false, describe: 'Print the SQL instead of running it; with START:END no database is read' }),
    ),
  run: (argv, io) => {
    const run = runOptionsFrom(argv);
    return withTargets(argv, io, { entities: true }, async (migrator, io, progress) => {
      // Refused before the changed-revision check connects.
      if (!argv.sql && isRange(argv.revision)) throw rangeWithoutSql('upgrade', argv.revision);
      // A script changes nothing here, and may be written where the database cannot be reached.
      if (!argv.sql) printChangedRevisions(io, await migrator.changedRevisions());
      const result = await migrator.upgrade(argv.revision, { ...run, sql: argv.sql, onStep: printRun.tracked(progress, printRun.progress(io, argv)), onRetry: printRun.retry(io), onWarning: printRun.warning(io) });
      printRun.result(io, argv, result, 'upgrade', progress);
    });
  },
});
