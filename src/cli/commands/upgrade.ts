import { defineCommand } from '../command';
import { withMigrator } from '../with-migrator';
import { printChangedRevisions } from '../print-changed';
import { printRun } from '../print-run';
import { isRange, rangeWithoutSql } from '../../script/script-range';
import { runFlags, runOptionsFrom } from '../run-flags';

export const upgradeCommand = defineCommand({
  command: 'upgrade [target]',
  describe: 'Apply revisions forward: to head (default), +N, a revision (unique prefix), REV+N',
  builder: (y) =>
    runFlags(y)
      .positional('target', { type: 'string', default: 'head', describe: 'head | heads | +N | REV | REV+N | LABEL@head | LABEL@+N; with --sql also START:END' })
      .option('sql', { type: 'boolean', default: false, describe: 'Print the SQL instead of running it; with START:END no database is read' }),
  run: (argv, io) => {
    const run = runOptionsFrom(argv);
    return withMigrator(argv, io, { entities: true }, async (migrator) => {
      // Refused before the changed-revision check connects.
      if (!argv.sql && isRange(argv.target)) throw rangeWithoutSql('upgrade', argv.target);
      // A script changes nothing here, and may be written where the database cannot be reached.
      if (!argv.sql) printChangedRevisions(io, await migrator.changedRevisions());
      const result = await migrator.upgrade(argv.target, { ...run, sql: argv.sql, onStep: printRun.progress(io, argv), onRetry: printRun.retry(io) });
      printRun.result(io, argv, result, 'upgrade');
    });
  },
});
