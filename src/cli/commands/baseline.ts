import { relative } from 'node:path';
import { applyPostWriteHooks } from '../print-hooks';
import { defineCommand } from '../command';
import { printNotAdopted } from '../print-not-adopted';
import { withMigrator } from '../with-migrator';

export const baselineCommand = defineCommand({
  command: 'baseline',
  describe: "Adopt an existing database: write a revision that creates its current schema and stamp it there without running",
  builder: (y) =>
    y
      .option('message', { alias: 'm', type: 'string', demandOption: true, describe: 'The revision message, e.g. "baseline"' })
      .option('rev-id', { type: 'string', describe: 'Use this revision id instead of a random one' })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'Start a new history where there is one (old revision files move to migrations/pre-baseline/)',
      }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: false }, async (migrator, config) => {
      const result = await migrator.baseline({ message: argv.message, revId: argv['rev-id'], force: argv.force });
      await applyPostWriteHooks(io, config, result.file);
      if (!argv.quiet) {
        const counts = [`${result.tables} table(s)`, `${result.views} view(s)`, ...(result.schemas ? [`${result.schemas} schema(s)`] : [])];
        if (result.movedFiles.length > 0) {
          io.stderr(`Moved ${result.movedFiles.length} old revision file(s) to ${relative(io.cwd, migrator.migrationsDir)}/pre-baseline/ (remove them when you no longer need them)`);
        }
        io.stderr(`Baseline of ${counts.join(', ')}; stamped ${result.revision} without running it`);
        const { views, generatedColumns } = result.typeormMetadata;
        if (views.length + generatedColumns.length > 0) {
          const what = [...views.map((v) => `view ${v}`), ...generatedColumns.map((c) => `generated column ${c}`)];
          io.stderr(`Recorded in TypeORM's metadata table, as the baseline's upgrade does: ${what.join(', ')}`);
        }
      }
      // A warning, so even with --quiet: a database built from this revision lacks these.
      printNotAdopted(io, result.notAdopted);
      io.stdout(relative(io.cwd, result.file));
    }),
});
