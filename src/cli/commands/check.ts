import { EntityMigrateError } from '../../errors';
import { describeChange, printChangedRevisions } from '../print-changed';
import { defineCommand } from '../command';
import { printDestructive } from '../print-destructive';
import { printLockWarnings, printOpsWithLocks, warningText } from '../print-locks';
import { targetOptions } from '../target-options';
import { withTargets } from '../with-targets';

/** Exit code when entities and database disagree (1 stays for errors). */
const PENDING = 2;

export const checkCommand = defineCommand({
  command: 'check',
  describe: 'Compare entities with the database (only the tables the config\'s include/exclude leave in): exit 0 when they agree, 2 when ops are pending',
  builder: (y) =>
    targetOptions(y)
      .option('json', { type: 'boolean', default: false, describe: 'Print the pending ops as JSON' })
      .option('strict', {
        type: 'boolean',
        default: false,
        describe: 'Also fail when an applied revision changed since it ran, or a pending op would hold off writes to a large table (largeTableRows)',
      }),
  run: (argv, io) =>
    withTargets(argv, io, { entities: true }, async (migrator, io, progress) => {
      const changed = await migrator.changedRevisions();
      if (argv.strict && changed.length > 0) {
        const more = changed.length > 1 ? ` (and ${changed.length - 1} more)` : '';
        throw new EntityMigrateError('CHECKSUM_MISMATCH', `${describeChange(io, changed[0])}${more}`);
      }
      printChangedRevisions(io, changed);
      const result = await migrator.check();
      progress.from = progress.to = (await migrator.current()).map((r) => r.id);
      progress.result = result.ops.length === 0 ? 'in sync' : `${result.ops.length} pending op(s)`;
      const locks = await migrator.lockReport(result.ops);
      if (argv.json) {
        const lockList = locks.ops.map((o, op) => o.impacts.map((impact) => ({ op, ...impact }))).flat();
        io.stdout(JSON.stringify({ ops: result.ops, destructive: result.destructive, locks: lockList }, null, 2));
      } else if (result.ops.length === 0) {
        if (!argv.quiet) io.stdout('No changes detected: entities and database agree');
      } else {
        io.stdout(`${result.ops.length} pending op(s):`);
        printOpsWithLocks(io, locks);
        printDestructive(io, result.destructive);
        printLockWarnings(io, locks);
      }
      if (argv.strict && locks.warnings.length > 0) {
        const more = locks.warnings.length > 1 ? ` (and ${locks.warnings.length - 1} more)` : '';
        throw new EntityMigrateError('BLOCKING_OPS', `${warningText(locks.warnings[0], locks.largeTableRows)}${more}`);
      }
      return result.ops.length === 0 ? 0 : PENDING;
    }),
});
