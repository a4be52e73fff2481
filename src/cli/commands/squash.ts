import { relative } from 'node:path';
import { applyPostWriteHooks } from '../print-hooks';
import { defineCommand } from '../command';
import { printNotAdopted } from '../print-not-adopted';
import { withMigrator } from '../with-migrator';

export const squashCommand = defineCommand({
  command: 'squash <rev>',
  describe: "Replace base..REV with one revision that has REV's id and builds the same schema and seed rows (old files move to migrations/squashed/)",
  builder: (y) =>
    y
      .positional('rev', { type: 'string', demandOption: true, describe: 'The last revision to squash: REV (unique prefix) | head' })
      .option('message', { alias: 'm', type: 'string', demandOption: true, describe: 'The squash revision\'s message' })
      .option('delete', { type: 'boolean', default: false, describe: 'Delete the replaced revision files instead of moving them to migrations/squashed/' })
      .option('drop-data-ops', {
        type: 'boolean',
        default: false,
        describe: 'Drop raw op.execute calls of the squashed revisions (refused otherwise)',
      }),
  // Entities too: revisions that run on the scratch database may use repositories.
  run: (argv, io) =>
    withMigrator(argv, io, { entities: true }, async (migrator, config) => {
      const result = await migrator.squash(argv.rev, { message: argv.message, delete: argv.delete, dropDataOps: argv['drop-data-ops'] });
      await applyPostWriteHooks(io, config, result.file);
      if (!argv.quiet) {
        for (const op of result.dataOps) io.stderr(`${op.revision}: op.${op.kind}(${op.target}): ${op.outcome}`);
        const files = result.movedFiles.length > 0
          ? `moved their files to ${relative(io.cwd, migrator.migrationsDir)}/squashed/`
          : 'deleted their files';
        io.stderr(`Squashed ${result.movedFiles.length + result.deletedFiles.length} revision(s) into ${result.revision} (${result.tables} table(s), ${result.views} view(s)); ${files}`);
      }
      printNotAdopted(io, result.notAdopted);
      io.stdout(relative(io.cwd, result.file));
    }),
});
