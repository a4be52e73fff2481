import { relative } from 'node:path';
import { loadAutogenerate } from '../../autogenerate/load';
import { runPostWriteHooks } from '../../script/post-write-hooks';
import { defineCommand } from '../command';
import { printDestructive } from '../print-destructive';
import { printLockWarnings, printOpsWithLocks } from '../print-locks';
import { dropPrompt } from '../drop-prompt';
import { renamePrompt } from '../rename-prompt';
import { withMigrator } from '../with-migrator';

export const revisionCommand = defineCommand({
  command: 'revision',
  describe: 'Write a new revision file (empty, from a template, or --autogenerate from your entities)',
  builder: (y) =>
    y
      .option('message', { alias: 'm', type: 'string', demandOption: true, describe: 'What the revision does' })
      .option('autogenerate', { type: 'boolean', default: false, describe: 'Fill it with the difference between entities and database' })
      .option('rev-id', { type: 'string', describe: 'Use this revision id instead of a random one' })
      .option('rename', { type: 'string', array: true, default: [] as string[], describe: 'Rename hint table.old:new or old_table:new_table (repeatable)' })
      .option('template', { type: 'string', describe: 'Template name: revision (default) or seed, or one in migrations/templates/' })
      .option('table', { type: 'string', describe: 'Table name for the seed template' })
      .option('allow-empty', { type: 'boolean', default: false, describe: 'With --autogenerate: write a file even when nothing changed' })
      .option('online', {
        type: 'boolean',
        describe: 'With --autogenerate: ops on existing tables take only short locks (default: the config\'s "online")',
      })
      .option('allow-drop', {
        type: 'boolean',
        default: false,
        describe: 'With --autogenerate: drop tables no entity describes (otherwise asked on a terminal, refused elsewhere; see "exclude")',
      }),
  run: (argv, io) => {
    const renames = argv.rename.length > 0 ? argv.rename.map(loadAutogenerate().parseRenameHint) : [];
    return withMigrator(argv, io, { entities: argv.autogenerate }, async (migrator, config) => {
      const spec = {
        message: argv.message,
        revId: argv['rev-id'],
        template: argv.template,
        extra: argv.table ? { table: argv.table } : undefined,
      };
      let file: string | undefined;
      if (argv.autogenerate) {
        const result = await migrator.autogenerate({
          ...spec,
          renames,
          confirmRename: renamePrompt(io),
          allowEmpty: argv['allow-empty'],
          allowDrop: argv['allow-drop'],
          confirmDrop: dropPrompt(io),
          online: argv.online,
        });
        const locks = await migrator.lockReport(result.ops);
        // Every op's locks with --verbose (check prints them always); the blocking ones warn anyway.
        if (argv.verbose) printOpsWithLocks(io, locks, 'stderr');
        printDestructive(io, result.destructive);
        printLockWarnings(io, locks);
        for (const { reason } of result.blocking ?? []) io.stderr(`${io.color.yellow('warning:')} online: no online form, left as written: ${reason}`);
        if (!result.file) {
          if (!argv.quiet) io.stderr('No changes detected');
          return;
        }
        file = result.file;
      } else {
        file = migrator.createRevision(spec);
      }
      runPostWriteHooks(config.postWriteHooks, file, config.rootDir);
      io.stdout(relative(io.cwd, file));
    });
  },
});
