import { defineCommand } from '../command';
import { withMigrator } from '../with-migrator';

export const verifyCommand = defineCommand({
  command: 'verify',
  describe: 'On a scratch database: upgrade one by one to head, check, downgrade one by one to base, upgrade again',
  builder: (y) => y,
  run: (argv, io) =>
    withMigrator(argv, io, { entities: true }, async (migrator) => {
      const report = await migrator.verify();
      if (!argv.quiet) {
        io.stdout(`Verified ${report.revisions.length} revision(s) up, down and up again on a scratch database (${report.scratch})`);
        if (!report.entitiesCompared) io.stdout('Entities not compared with head: the data source lists none');
      }
    }),
});
