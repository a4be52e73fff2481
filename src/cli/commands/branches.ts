import { relative } from 'node:path';
import { defineCommand } from '../command';
import { historyLine } from '../format-revision';
import { withMigrator } from '../with-migrator';

export const branchesCommand = defineCommand({
  command: 'branches',
  describe: 'Show the branch points: revisions two or more revisions build on, with each line that leaves them',
  builder: (y) => y.option('json', { type: 'boolean', default: false, describe: 'Print the branch points as JSON' }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: false }, async (migrator) => {
      const points = migrator.branchPoints();
      if (argv.json) {
        const file = (f: string) => relative(io.cwd, f);
        io.stdout(JSON.stringify(points.map((p) => ({ ...p.revision, file: file(p.revision.file), children: p.children.map((c) => ({ ...c, file: file(c.file) })) })), null, 2));
        return;
      }
      if (points.length === 0 && !argv.quiet) io.stderr('No branch points: every revision has at most one revision built on it');
      // Alembic's layout: the branch point, then one indented line per revision built on it.
      for (const { revision, children } of points) {
        io.stdout(historyLine(revision, ' (branchpoint)'));
        for (const child of children) io.stdout(`${' '.repeat(revision.id.length)} -> ${historyLine(child).replace(/^.*? -> /, '')}`);
      }
    }),
});
