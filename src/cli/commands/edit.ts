import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { EntityMigrateError } from '../../errors';
import { defineCommand } from '../command';
import { withMigrator } from '../with-migrator';

export const editCommand = defineCommand({
  command: 'edit <rev>',
  describe: 'Open a revision file in $VISUAL or $EDITOR (REV, unique prefix, head, base, current)',
  builder: (y) => y.positional('rev', { type: 'string', demandOption: true, describe: 'REV | head | base | current' }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: false }, async (migrator) => {
      const found = await migrator.showSymbolic(argv.rev);
      if (found.length > 1) {
        throw new EntityMigrateError('INVALID_TARGET', `'${argv.rev}' names ${found.length} revisions (${found.map((r) => r.id).join(', ')}): name one`);
      }
      const file = found[0]!.file;
      const shown = relative(io.cwd, file) || file;
      // VISUAL first, as git and crontab do: the one a person at a full-screen terminal chose.
      const editor = io.env.VISUAL?.trim() || io.env.EDITOR?.trim();
      if (!editor) {
        throw new EntityMigrateError('EDITOR_FAILED', `no editor: set EDITOR (or VISUAL), e.g. EDITOR=vim, to open ${shown}`);
      }
      // Through the shell, so an editor with arguments works (EDITOR="code --wait"); the path is
      // passed as "$1", never pasted into the command line.
      const result =
        process.platform === 'win32'
          ? spawnSync(`${editor} "${file}"`, { shell: true, stdio: 'inherit', cwd: io.cwd, env: io.env })
          : spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'sh', file], { stdio: 'inherit', cwd: io.cwd, env: io.env });
      if (result.error || result.status !== 0) {
        const why = result.error ? result.error.message : result.signal ? `was stopped by ${result.signal}` : `exited with code ${result.status}`;
        throw new EntityMigrateError('EDITOR_FAILED', `editor '${editor}' ${why} on ${shown}`);
      }
    }),
});
