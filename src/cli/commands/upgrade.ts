import { defineCommand } from '../command';
import { withMigrator } from '../with-migrator';
import { printChangedRevisions } from '../print-changed';
import { printRun } from '../print-run';

export const upgradeCommand = defineCommand({
  command: 'upgrade [target]',
  describe: 'Apply revisions forward: to head (default), +N, a revision (unique prefix), REV+N',
  builder: (y) =>
    y
      .positional('target', { type: 'string', default: 'head', describe: 'head | heads | +N | REV | REV+N' })
      .option('sql', { type: 'boolean', default: false, describe: 'Print the SQL instead of running it' }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: true }, async (migrator) => {
      printChangedRevisions(io, await migrator.changedRevisions());
      const result = await migrator.upgrade(argv.target, { sql: argv.sql, onStep: printRun.progress(io, argv), onRetry: printRun.retry(io), onWarning: printRun.warning(io) });
      printRun.result(io, argv, result, 'upgrade');
    }),
});
