import { defineCommand } from '../command';
import { withMigrator } from '../with-migrator';

export const ensureVersionCommand = defineCommand({
  command: 'ensure-version',
  describe: 'Create the version and history tables if they do not exist, and nothing else',
  builder: (y) => y.option('sql', { type: 'boolean', default: false, describe: 'Print the SQL instead of running it' }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: false }, async (migrator) => {
      const result = await migrator.ensureVersion({ sql: argv.sql });
      if (argv.sql) io.stdout(result.sql ?? '');
      else if (!argv.quiet) io.stdout(`The version table ${migrator.versionTable} and the history table ${migrator.historyTable} exist`);
    }),
});
