import { relative } from 'node:path';
import { describeOp } from '../../ops/describe';
import { ConfigError, EntityMigrateError } from '../../errors';
import type { StatusReport } from '../../runtime/status';
import { defineCommand } from '../command';
import { printable } from '../printable';
import type { CliIo } from '../io';
import { describeChange } from '../print-changed';
import { targetOptions } from '../target-options';
import { withTargets } from '../with-targets';

/** Exit code when the database is not at head, a file changed, or entities drifted (1 stays for errors). */
const NEEDS_ATTENTION = 2;

const JSON_SHAPE = `--json prints one object (files relative to the current folder):
  versionTable  boolean: the version table exists (without one the database is at base)
  current       [id]: the revisions the version table records ([]: at base)
  unknown       [id]: those of them no revision file has
  squashedInto  { id: squashId }: those of unknown a squash replaced
  heads         [id]: the head(s) of the revision files
  atHead        boolean: current is exactly heads
  pending       [{ id, message, file }]: what 'upgrade heads' runs, in that order;
                null when a recorded revision has no file
  changed       [{ revision, file, appliedChecksum, currentChecksum }]: applied files edited since
  entities      { compared: true, ops: [text], destructive: [text] }
                or { compared: false, reason: 'skipped' | 'not-at-head' }
  upToDate      boolean: true exactly when the exit code is 0`;

export const statusCommand = defineCommand({
  command: 'status',
  describe:
    'Where the database stands: its revision(s), the head(s), pending revisions, applied files that changed, and entity drift. ' +
    'Exit 0 at head and in sync; 2 when not at head, a recorded revision has no file, an applied file changed, or entities differ',
  builder: (y) =>
    targetOptions(y)
      .option('json', { type: 'boolean', default: false, describe: 'Print the status as one JSON object (shape below)' })
      .option('check', { type: 'boolean', default: true, describe: 'Compare entities with the database; --no-check skips it and loads no entities' })
      .epilogue(JSON_SHAPE),
  run: (argv, io) =>
    withTargets(argv, io, { entities: argv.check }, async (migrator, io, progress) => {
      const report = await migrator.status({ check: argv.check }).catch((error: unknown) => {
        throw withNoCheckHint(error);
      });
      progress.from = report.current;
      progress.to = report.heads;
      progress.result = report.upToDate ? 'up to date' : `needs attention: ${statusSummary(report)}`;
      if (argv.json) io.stdout(JSON.stringify(statusJson(report, io.cwd), null, 2));
      else if (!argv.quiet) printStatus(io, report);
      return report.upToDate ? 0 : NEEDS_ATTENTION;
    }),
});

/** A project without entities (hand-written revisions only) still gets its status, without the comparison. */
function withNoCheckHint(error: unknown): unknown {
  if (!(error instanceof EntityMigrateError) || error.code !== 'NO_ENTITIES') return error;
  return new ConfigError('NO_ENTITIES', `${error.message}; 'entity-migrate status --no-check' leaves the comparison out`, { cause: error });
}

function statusJson(report: StatusReport, cwd: string): object {
  const { entities } = report;
  return {
    ...report,
    pending: report.pending?.map((p) => ({ ...p, file: relative(cwd, p.file) })) ?? null,
    changed: report.changed.map((c) => ({ ...c, file: relative(cwd, c.file) })),
    entities: entities.compared
      ? { compared: true, ops: entities.ops.map(describeOp), destructive: entities.destructive.map((d) => d.reason) }
      : entities,
  };
}

/** One labelled block per question, good news in green and what needs doing in yellow. */
function printStatus(io: CliIo, report: StatusReport): void {
  const { green, yellow } = io.color;
  const line = (label: string, text: string) => io.stdout(`${`${label}:`.padEnd(10)}${text}`);
  const item = (text: string) => io.stdout(`  ${text}`);

  line('Database', databaseLine(report));
  for (const id of report.unknown) {
    const squash = report.squashedInto[id];
    item(
      yellow(
        squash
          ? `${id}: squash ${squash} replaced it; upgrade this database with the pre-squash revisions (migrations/squashed/) first`
          : `${id}: no revision file has it; 'entity-migrate stamp REV' records the revision the database really is at`,
      ),
    );
  }
  const heads = report.heads.length === 0 ? 'none (no revision files)' : report.heads.join(', ');
  line(report.heads.length > 1 ? 'Heads' : 'Head', report.heads.length > 1 ? `${heads} (several: 'entity-migrate merge' joins them)` : heads);

  if (report.pending === null) line('Pending', yellow('unknown: the database records a revision no file has'));
  else if (report.pending.length === 0) line('Pending', green('none'));
  else {
    line('Pending', yellow(`${report.pending.length} revision(s), in the order '${upgradeCommand(report)}' runs them:`));
    for (const p of report.pending) item(`${p.id}  ${printable(p.message)}`);
  }

  if (report.changed.length === 0) line('Changed', green('none'));
  else {
    line('Changed', yellow(`${report.changed.length} applied revision file(s) changed since they ran:`));
    for (const c of report.changed) item(describeChange(io, c));
  }

  line('Entities', entitiesLine(report, io));
  if (report.entities.compared) {
    for (const op of report.entities.ops) item(describeOp(op));
    for (const d of report.entities.destructive) item(yellow(`destructive: ${d.reason}`));
  }
}

/** The summary table's word on a target that needs attention. */
function statusSummary(report: StatusReport): string {
  const notes = [
    report.pending === null ? 'unknown revision recorded' : report.pending.length > 0 ? `${report.pending.length} pending` : undefined,
    report.changed.length > 0 ? `${report.changed.length} changed` : undefined,
    report.entities.compared && report.entities.ops.length > 0 ? `${report.entities.ops.length} op(s) of drift` : undefined,
  ];
  return notes.filter(Boolean).join(', ') || 'not at head';
}

function databaseLine(report: StatusReport): string {
  const { current, versionTable, atHead } = report;
  if (current.length === 0) return versionTable ? 'base (no revision recorded)' : 'base (no version table)';
  return `${current.join(', ')}${atHead ? ' (head)' : ''}`;
}

function entitiesLine(report: StatusReport, io: CliIo): string {
  const { green, yellow, dim } = io.color;
  const { entities } = report;
  if (!entities.compared) {
    if (entities.reason === 'skipped') return dim('not compared (--no-check)');
    const why = report.unknown.length > 0 ? 'it records a revision no file has' : `'${upgradeCommand(report)}' first`;
    return yellow(`not compared: the database is not at head (${why})`);
  }
  if (entities.ops.length === 0) return green('in sync with the database');
  return yellow(`${entities.ops.length} pending op(s), which 'entity-migrate revision --autogenerate -m MSG' writes:`);
}

function upgradeCommand(report: StatusReport): string {
  return `entity-migrate upgrade ${report.heads.length > 1 ? 'heads' : 'head'}`;
}
