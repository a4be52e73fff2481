import { describeOp } from '../../autogenerate';
import { defineCommand } from '../command';
import { printDestructive } from '../print-destructive';
import { withMigrator } from '../with-migrator';

/** Exit code when entities and database disagree (1 stays for errors). */
const PENDING = 2;

export const checkCommand = defineCommand({
  command: 'check',
  describe: 'Compare entities with the database: exit 0 when they agree, 2 when ops are pending',
  builder: (y) => y.option('json', { type: 'boolean', default: false, describe: 'Print the pending ops as JSON' }),
  run: (argv, io) =>
    withMigrator(argv, io, { entities: true }, async (migrator) => {
      const result = await migrator.check();
      if (argv.json) {
        io.stdout(JSON.stringify({ ops: result.ops, destructive: result.destructive }, null, 2));
      } else if (result.ops.length === 0) {
        if (!argv.quiet) io.stdout('No changes detected: entities and database agree');
      } else {
        io.stdout(`${result.ops.length} pending op(s):`);
        for (const op of result.ops) io.stdout(`  ${describeOp(op)}`);
        printDestructive(io, result.destructive);
      }
      return result.ops.length === 0 ? 0 : PENDING;
    }),
});
