import { relative } from 'node:path';
import { describeOp } from '../../ops/describe';
import { loadAutogenerate } from '../../autogenerate/load';
import { applyPostWriteHooks } from '../print-hooks';
import { defineCommand } from '../command';
import { printChanges } from '../print-changes';
import { printDestructive } from '../print-destructive';
import { printLockWarnings, printOpsWithLocks } from '../print-locks';
import { dropPrompt } from '../drop-prompt';
import { renamePrompt } from '../rename-prompt';
import { UsageError } from '../usage-error';
import { withMigrator } from '../with-migrator';
import { withOneTarget } from '../with-targets';
import type { Migrator } from '../../runtime/migrator';
import type { ResolvedConfig } from '../../config/types';

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
      .option('head', { type: 'string', describe: "Build on this revision: a head, LABEL@head, REV@head, or 'base' for a new independent branch" })
      .option('splice', { type: 'boolean', default: false, describe: 'With --head: allow a revision that is not a head (starts another line from it)' })
      .option('branch-label', { type: 'string', array: true, default: [] as string[], describe: 'Name the new branch (repeatable): targets like LABEL@head then reach it' })
      .option('depends-on', { type: 'string', array: true, default: [] as string[], describe: 'A revision (or LABEL@head) of another branch that must be applied first (repeatable)' })
      .option('target', {
        type: 'string',
        describe: 'With --autogenerate: compare against this target of the config\'s "targets" (a tenant schema or database) instead of its data source',
      })
      .option('version-path', { type: 'string', describe: 'Write the file into this version folder (the versions folder or one of versionLocations)' })
      .option('allow-drop', {
        type: 'boolean',
        default: false,
        describe: 'With --autogenerate: drop tables no entity describes (otherwise asked on a terminal, refused elsewhere; see "exclude")',
      }),
  run: (argv, io) => {
    const renames = argv.rename.length > 0 ? argv.rename.map(loadAutogenerate().parseRenameHint) : [];
    if (argv.target !== undefined && !argv.autogenerate) throw new UsageError('--target applies to --autogenerate only (a revision without it does not read the database)');
    if (argv.target !== undefined && (Array.isArray(argv.target) || argv.target.trim() === '' || argv.target.includes(','))) {
      throw new UsageError('--target needs one target name (autogenerate compares against one database)');
    }
    const write = async (migrator: Migrator, config: ResolvedConfig): Promise<void> => {
      const spec = {
        message: argv.message,
        revId: argv['rev-id'],
        template: argv.template,
        extra: argv.table ? { table: argv.table } : undefined,
        head: argv.head,
        splice: argv.splice,
        branchLabels: argv['branch-label'],
        dependsOn: argv['depends-on'],
        versionPath: argv['version-path'],
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
        // What the file's header says, then each op's locks with --verbose (check prints them always); the blocking ones warn anyway.
        if (!argv.quiet && result.file) printChanges(io, result.ops);
        if (argv.verbose) printOpsWithLocks(io, locks, 'stderr');
        printDestructive(io, result.destructive);
        // In online mode an op left blocking gets the one warning that says so, not a second one.
        const leftBlocking = new Set((result.blocking ?? []).map(({ op }) => describeOp(op)));
        printLockWarnings(io, { ...locks, warnings: locks.warnings.filter((w) => !leftBlocking.has(w.description)) });
        for (const { reason } of result.blocking ?? []) io.stderr(`${io.color.yellow('warning:')} online: no online form, left as written: ${reason}`);
        if (!result.file) {
          if (!argv.quiet) io.stderr('No changes detected');
          return;
        }
        file = result.file;
      } else {
        file = migrator.createRevision(spec);
      }
      await applyPostWriteHooks(io, config, file);
      io.stdout(relative(io.cwd, file));
    };
    // Only autogenerate reads the database, so only it may pick one of the config's targets.
    if (argv.autogenerate) return withOneTarget(argv, io, argv.target, { entities: true }, write);
    return withMigrator(argv, io, { entities: false }, write);
  },
});
