import { relative } from 'node:path';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Dialect } from '../dialects';
import type { ExecutionContext, StatementSink } from '../ops/execution';
import { EntityMigrateError, RevisionFailedError } from '../errors';
import { executeOp } from '../ops/execute';
import { Operations } from '../ops/operations';
import type { Op } from '../ops/types';
import { headsAfter, type Step } from '../script/plan';
import type { RevisionGraph } from '../script/revision-graph';
import type { TransactionMode } from '../config/types';
import type { MigrationContext } from '../script/migration-context';
import type { HistoryStore } from './history-store';
import { notAwaited, PendingOps } from './pending-ops';
import { revisionFailure, type FailurePlace, type RollbackFacts } from './revision-failure';
import { Transactions } from './transactions';
import type { VersionStore } from './version-store';

export interface RunEnvironment {
  readonly graph: RevisionGraph;
  readonly dataSource: DataSource;
  readonly queryRunner: QueryRunner;
  readonly dialect: Dialect;
  readonly sink: StatementSink;
  readonly versions: VersionStore;
  readonly history: HistoryStore;
  /**
   * No revision had ever run on the database before this run (no version row, no history row).
   * A first revision that then fails on something that already exists met tables made without
   * us, and the error says how to adopt them.
   */
  readonly neverMigrated: boolean;
  readonly transactionMode: TransactionMode;
  readonly cwd: string;
  /** Called after each step commits (with transactionMode 'all', after the run commits), or is written offline. */
  readonly onStep?: (step: Step, durationMs: number) => void;
  /** Called with each op a revision calls, before it runs (squash records the data ops this way). */
  readonly onOp?: (op: Op, step: Step) => void;
}

/**
 * Run the steps of a plan, moving the version table with each one. A step that throws rolls its
 * transaction back, so the schema and the version table stay at the last good revision.
 * Returns the heads the database is at afterwards.
 */
export async function runSteps(env: RunEnvironment, steps: readonly Step[], startHeads: readonly string[]): Promise<string[]> {
  let heads = [...startHeads];
  if (steps.length === 0) return heads;
  const tx = new Transactions(env.queryRunner, env.dialect, env.sink, env.transactionMode);
  // 'each' and 'none' make a unit per revision ('none' without BEGIN/COMMIT); 'all' one unit.
  const perStep = env.transactionMode !== 'all';
  // Where the run is, for the message if it fails there.
  const progress: Progress = { step: steps[0]!, place: { at: 'begin' } };
  let failure: unknown;
  // 'all': steps are reported once the run's one transaction commits, never before a rollback.
  const uncommitted: [Step, number][] = [];
  /** Roll back, then name the revision, the place and the cause: the ROLLBACK's error never replaces it. */
  const abandon = async (error: unknown): Promise<unknown> => {
    const rollbackError = await tx.rollback().then(
      () => undefined,
      (cause: unknown) => cause ?? new Error('ROLLBACK failed'),
    );
    if (isInvalidRevision(error)) return error;
    return failureOf(error, env, progress, heads, { error: rollbackError, committedEarly: tx.committedEarly, runSize: steps.length });
  };
  try {
    if (!perStep) await tx.begin();
    for (const [index, step] of steps.entries()) {
      const started = Date.now();
      progress.step = step;
      progress.place = { at: 'begin' };
      if (perStep) await tx.begin();
      try {
        await runStep(env, step, tx, progress);
        const next = headsAfter(env.graph, heads, step);
        progress.place = { at: 'bookkeeping' };
        const found = await env.versions.move(env.sink, heads, next);
        if (found) throw versionTableChanged(env, step, heads, next, found);
        const closing = [env.history.statement(step, Date.now() - started)];
        if (perStep) await tx.commit(closing, index < steps.length - 1, (at) => (progress.place = { at }));
        else await env.sink.queryMany(closing);
        heads = next;
      } catch (error) {
        throw (failure = await abandon(error));
      }
      if (perStep) env.onStep?.(step, Date.now() - started);
      else uncommitted.push([step, Date.now() - started]);
    }
    progress.place = { at: 'commit' };
    if (!perStep) await tx.commit([], false);
    for (const [step, durationMs] of uncommitted) env.onStep?.(step, durationMs);
  } catch (error) {
    throw error === failure ? error : await abandon(error);
  }
  return heads;
}

/** The step running and where in it. */
interface Progress {
  step: Step;
  place: FailurePlace;
}

async function runStep(env: RunEnvironment, step: Step, tx: Transactions, progress: Progress): Promise<void> {
  const { revision, direction } = step;
  const fn = direction === 'up' ? revision.upgrade : revision.downgrade;
  if (!fn) {
    throw new EntityMigrateError('REVISION_INVALID', `${displayFile(env, step)}: revision ${revision.id} has no downgrade()`);
  }
  env.sink.comment?.(`${direction === 'up' ? 'Upgrade' : 'Downgrade'} ${revision.id}: ${revision.message}`);
  const execution: ExecutionContext = {
    queryRunner: env.queryRunner,
    dataSource: env.dataSource,
    dialect: env.dialect,
    sink: env.sink,
    batch: true,
  };
  const pending = new PendingOps(revision.id);
  const context: MigrationContext = {
    op: new Operations((op) =>
      pending.run(op, async () => {
        env.onOp?.(op, step);
        progress.place = { at: 'op', op };
        if (env.dialect.runsOutsideTransaction?.(op)) await tx.outside(() => executeOp(op, execution));
        else await executeOp(op, execution);
        progress.place = { at: 'code' };
      }),
    ),
    queryRunner: env.queryRunner,
    dataSource: env.dataSource,
    dialect: env.dialect.name,
    offline: env.sink.offline,
    outsideTransaction: (fn) => tx.outside(fn),
  };
  progress.place = { at: 'code' };
  const thrown = await fn(context).then(
    () => undefined,
    (error: unknown) => ({ error, place: progress.place }),
  );
  // Nothing the revision left running may reach the connection after this, the rollback included.
  const unawaited = await pending.close();
  if (thrown) {
    progress.place = thrown.place;
    throw thrown.error;
  }
  if (unawaited) {
    progress.place = { at: 'op', op: unawaited };
    throw notAwaited(unawaited, direction === 'up' ? 'upgrade' : 'downgrade');
  }
  progress.place = { at: 'afterOps' };
  await env.dialect.afterOps?.(execution);
}

function isInvalidRevision(error: unknown): boolean {
  return error instanceof EntityMigrateError && error.code === 'REVISION_INVALID';
}

function displayFile(env: RunEnvironment, step: Step): string {
  return relative(env.cwd, step.revision.file) || step.revision.file;
}

function failureOf(
  error: unknown,
  env: RunEnvironment,
  { step, place }: Progress,
  heads: readonly string[],
  rollback: Pick<RollbackFacts, 'error' | 'committedEarly' | 'runSize'>,
): EntityMigrateError {
  if (error instanceof RevisionFailedError) return error;
  const inRevision = place.at === 'op' || place.at === 'code';
  const adopting = inRevision && env.neverMigrated && heads.length === 0 && env.dialect.isAlreadyExists(error);
  return revisionFailure(error, {
    step,
    file: displayFile(env, step),
    place,
    hint: adopting ? adoptHint(env.versions.table) : '',
    bookkeepingTables: `${env.versions.table} and ${env.history.table}`,
    rollback: {
      ...rollback,
      offline: env.sink.offline,
      mode: env.transactionMode,
      transactionalDdl: env.dialect.capabilities.transactionalDdl,
    },
  });
}

/**
 * Nothing was recorded and the database already had what the revision creates: it was built
 * without us (TypeORM's synchronize, by hand). Running the history again cannot work; adopting
 * the database as it is can.
 */
function adoptHint(versionTable: string): string {
  return (
    `; the database already has tables that no revision made (nothing recorded in ${versionTable}): adopt it as it is with ` +
    `'entity-migrate baseline -m "..."', or, if it matches a revision, record that with 'entity-migrate stamp REV'`
  );
}
/** The version table did not hold what the step's move should have left (see VersionStore.move). */
function versionTableChanged(env: RunEnvironment, step: Step, from: readonly string[], to: readonly string[], found: readonly string[]): RevisionFailedError {
  const file = displayFile(env, step);
  const list = (heads: readonly string[]) => (heads.length > 0 ? heads.join(', ') : 'base');
  const undone = env.transactionMode === 'none' ? 'its changes stay (transactionMode none)' : 'it was rolled back';
  return new RevisionFailedError(
    `Revision ${step.revision.id} (${file}) failed: the version table ${env.versions.table} holds ${list(found)} where it should now hold ` +
      `${list(to)} (moved from ${list(from)}); something else changed it during the run; ${undone}`,
    step.revision.id,
    step.revision.file,
    undefined,
  );
}
