import { defineCommand } from '../command';
import { withInterrupt } from '../interrupt';
import { withMigrator } from '../with-migrator';

export const verifyCommand = defineCommand({
  command: 'verify',
  describe:
    'On a scratch database: upgrade one by one to head, check, downgrade one by one to base, upgrade again. ' +
    'The scratch database is dropped afterwards, also on Ctrl-C/SIGTERM (exit 130/143)',
  builder: (y) =>
    y.option('scratch-url', {
      type: 'string',
      describe: 'An empty database to verify on instead of creating one (where you may not create databases); emptied again afterwards, never dropped',
    }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: true }, async (migrator) => {
      const report = await withInterrupt('verify', (signal) => migrator.verify({ scratchUrl: argv['scratch-url'], signal }));
      if (!argv.quiet) {
        io.stdout(`Verified ${report.revisions.length} revision(s) up, down and up again on a scratch database (${report.scratch})`);
        if (!report.entitiesCompared) io.stdout('Entities not compared with head: the data source lists none');
      }
    }),
});
