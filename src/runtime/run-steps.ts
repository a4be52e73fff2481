import { relative } from 'node:path';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Dialect } from '../dialects';
import type { ExecutionContext, StatementSink, TransactionSteps } from '../ops/execution';
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
import { describeLockWait, retryDelayMs, sleep, type LockRetry, type LockWaitSettings } from './lock-wait';
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
  /** `ddlLockTimeout` / `ddlRetries`; absent or a timeout of 0: DDL waits as long as it takes. */
  readonly lockWait?: LockWaitSettings;
  /** Called when a revision met the lock timeout, was rolled back and will be tried again. */
  readonly onRetry?: (retry: LockRetry) => void;
  /** `-x key=value`: handed to each revision as `context.args`. */
  readonly args?: Readonly<Record<string, string>>;
  /** `--tag`: stored in each history row the run writes. */
  readonly tag?: string;
  /** Config `online`: ops on existing tables take only short locks where the dialect can. */
  readonly online?: boolean;
  /** Called with what the dialect tells about an op as it runs (an online fallback), prefixed with the revision. */
  readonly onWarning?: (message: string) => void;
}

/**
 * Run the steps of a plan, moving the version table with each one. A step that throws rolls its
 * transaction back, so the schema and the version table stay at the last good revision.
 * Returns the heads the database is at afterwards.
 */
export async function runSteps(env: RunEnvironment, steps: readonly Step[], startHeads: readonly string[]): Promise<string[]> {
  let heads = [...startHeads];
  if (steps.length === 0) return heads;
  // Each BEGIN sets the lock timeout again (SET LOCAL lasts one transaction).
  const lockTimeoutStatements = env.lockWait?.timeoutMs ? (env.dialect.ddlLockTimeout?.inTransaction?.(env.lockWait.timeoutMs) ?? []) : [];
  const tx = new Transactions(env.queryRunner, env.dialect, env.sink, env.transactionMode, lockTimeoutStatements);
  // 'each' and 'none' make a unit per revision ('none' without BEGIN/COMMIT); 'all' one unit.
  const perStep = env.transactionMode !== 'all';
  // Where the run is, for the message if it fails there.
  const progress: Progress = { step: steps[0]!, place: { at: 'begin' }, attempt: 1, opsDone: 0, resumeAt: 0 };
  // Live, each early commit records how many ops of the step stayed (see HistoryStore).
  const stepStarted = { at: Date.now() };
  const resumePoint = env.sink.offline ? () => 0 : await env.history.resumePoints(env.queryRunner);
  // 'all', live, where the dialect checks the version move in SQL: the bookkeeping of the steps done
  // waits for the next commit (the run's, or an early one), one round trip less per revision.
  const deferred = !perStep && !env.sink.offline ? DeferredBookkeeping.start(env, heads) : undefined;
  if (!env.sink.offline && env.transactionMode !== 'none') {
    tx.beforeEarlyCommit = () => [...(deferred?.flush(heads) ?? []), env.history.progressStatement(progress.step, progress.opsDone, Date.now() - stepStarted.at)];
  }
  let failure: unknown;
  // 'all': steps are reported once the run's one transaction commits, never before a rollback.
  const uncommitted: [Step, number][] = [];
  const lockWait = env.sink.offline || !env.dialect.ddlLockTimeout || !env.lockWait?.timeoutMs ? undefined : env.lockWait;
  const waitedTooLong = (error: unknown) => lockWait !== undefined && env.dialect.ddlLockTimeout!.isLockTimeout(error);
  const lockWaitReason = () => describeLockWait(env.queryRunner, env.dataSource, env.dialect, progress.place.at === 'op' ? progress.place.op : undefined, lockWait!.timeoutMs);
  /** Roll back, then name the revision, the place and the cause: the ROLLBACK's error never replaces it. */
  const abandon = async (error: unknown): Promise<unknown> => {
    const rollbackError = await tx.rollback().then(
      () => undefined,
      (cause: unknown) => cause ?? new Error('ROLLBACK failed'),
    );
    if (isInvalidRevision(error)) return error;
    const lockHint = waitedTooLong(error) ? `; ${await lockWaitReason()}, after ${progress.attempt} tr${progress.attempt === 1 ? 'y' : 'ies'}` : '';
    return failureOf(error, env, progress, heads, { error: rollbackError, committedEarly: tx.committedEarly, runSize: steps.length }, lockHint);
  };
  /**
   * A revision that waited too long for a lock is tried again when nothing of it stayed: its own
   * transaction was rolled back whole ('each', nothing committed early), or, where DDL is not
   * transactional, it failed at its first op.
   */
  const retryable = (error: unknown) =>
    waitedTooLong(error) &&
    perStep &&
    env.transactionMode === 'each' &&
    progress.attempt <= lockWait!.retries &&
    !tx.committedEarly &&
    (env.dialect.capabilities.transactionalDdl || progress.opsDone === 0);
  const restoreSession = lockWait && (await env.dialect.ddlLockTimeout!.forSession?.(env.queryRunner, lockWait.timeoutMs));
  try {
    if (!perStep) await tx.begin();
    for (const [index, step] of steps.entries()) {
      progress.step = step;
      for (progress.attempt = 1; ; progress.attempt++) {
        const started = Date.now();
        stepStarted.at = started;
        progress.place = { at: 'begin' };
        progress.opsDone = 0;
        progress.resumeAt = resumePoint(step);
        if (perStep) await tx.begin();
        const next = headsAfter(env.graph, heads, step);
        preloadFollowing(steps[index + 1]);
        try {
          await runStep(env, step, tx, progress);
          progress.place = { at: 'bookkeeping' };
          // The version move, checked: deferred to the next commit ('all'), or in this step's closing
          // query where the dialect checks it in SQL, or else run and read back now. Offline a script
          // has no check, and without a transaction a failed check could not undo the move.
          const checkInSql = !env.sink.offline && env.transactionMode !== 'none';
          const move = deferred ? [] : checkInSql ? env.versions.guardedMove(heads, next) : undefined;
          if (!move) {
            const found = await env.versions.move(env.sink, heads, next);
            if (found) throw versionTableChanged(env, [step], heads, next, found);
          }
          const resumed = progress.resumeAt > 0 || tx.committedEarly;
          const closing = [
            ...(move ?? []),
            env.history.statement(step, Date.now() - started, { offline: env.sink.offline, tag: env.tag }),
            ...(resumed && !env.sink.offline ? [env.history.clearProgressStatement(step)] : []),
          ];
          if (perStep) await tx.commit(closing, index < steps.length - 1, (at) => (progress.place = { at }));
          else if (deferred) deferred.add(step, closing);
          else await env.sink.queryMany(closing);
          heads = next;
        } catch (thrown) {
          const found = env.versions.changedHeads(thrown);
          const error = found ? (deferred?.changed(found) ?? versionTableChanged(env, [step], heads, next, found)) : thrown;
          if (!retryable(error)) throw (failure = await abandon(error));
          await tx.rollback();
          const delayMs = retryDelayMs(progress.attempt);
          env.onRetry?.({ revision: step.revision.id, attempt: progress.attempt, retries: lockWait!.retries, delayMs, reason: await lockWaitReason() });
          await sleep(delayMs);
          continue;
        }
        if (perStep) env.onStep?.(step, Date.now() - started);
        else uncommitted.push([step, Date.now() - started]);
        break;
      }
    }
    progress.place = { at: 'commit' };
    if (!perStep) await tx.commit(deferred?.flush(heads) ?? [], false, (at) => (progress.place = { at }));
    for (const [step, durationMs] of uncommitted) env.onStep?.(step, durationMs);
  } catch (thrown) {
    const found = thrown === failure ? undefined : env.versions.changedHeads(thrown);
    const error = found && deferred ? deferred.changed(found) : thrown;
    throw error === failure ? error : await abandon(error);
  } finally {
    // A connection lost mid-run cannot be given its value back; the run's own error is the one to tell.
    await restoreSession?.().catch(() => undefined);
  }
  return heads;
}

/**
 * transactionMode 'all': the version move and history rows of the steps done so far, held back until
 * the next commit, where they are sent in its query. Nothing outside the run's transaction can see
 * the difference; a revision that reads the version table sees where the run started. The version
 * table moves once, from where it was at the last commit to where the steps got, checked in SQL.
 */
class DeferredBookkeeping {
  private statements: string[] = [];
  private steps: Step[] = [];
  /** The last flush, for the message if its check fails. */
  private flushed: { from: readonly string[]; to: readonly string[]; steps: Step[] } | undefined;

  private constructor(
    private readonly env: RunEnvironment,
    private committedHeads: readonly string[],
  ) {}

  /** Undefined where the dialect cannot check the move in SQL (the move is then read back per step). */
  static start(env: RunEnvironment, heads: readonly string[]): DeferredBookkeeping | undefined {
    return env.dialect.versionGuard ? new DeferredBookkeeping(env, heads) : undefined;
  }

  add(step: Step, statements: readonly string[]): void {
    this.steps.push(step);
    this.statements.push(...statements);
  }

  /** The statements that record the steps done, up to `heads`, for the commit about to be sent. */
  flush(heads: readonly string[]): string[] {
    if (this.steps.length === 0) return [];
    const statements = [...this.env.versions.guardedMove(this.committedHeads, heads)!, ...this.statements];
    this.flushed = { from: this.committedHeads, to: heads, steps: this.steps };
    this.committedHeads = heads;
    this.statements = [];
    this.steps = [];
    return statements;
  }

  /** The error for a failed check of the last flush: names the revisions whose moves it held. */
  changed(found: readonly string[]): RevisionFailedError | undefined {
    if (!this.flushed) return undefined;
    const { from, to, steps } = this.flushed;
    return versionTableChanged(this.env, steps, from, to, found);
  }
}

/** The step running and where in it. */
interface Progress {
  step: Step;
  place: FailurePlace;
  /** 1 for the first try of the step, more after lock-timeout retries. */
  attempt: number;
  /** Ops of this try that completed (those skipped on resuming included). */
  opsDone: number;
  /** Ops an earlier run of this step left committed (online steps), skipped this time. */
  resumeAt: number;
}

async function runStep(env: RunEnvironment, step: Step, tx: Transactions, progress: Progress): Promise<void> {
  const { revision, direction } = step;
  const fn = direction === 'up' ? revision.upgrade : revision.downgrade;
  if (!fn) {
    throw new EntityMigrateError('REVISION_INVALID', `${displayFile(env, step)}: revision ${revision.id} has no downgrade()`);
  }
  env.sink.comment?.(`${direction === 'up' ? 'Upgrade' : 'Downgrade'} ${revision.id}: ${revision.message}`);
  const transactions: TransactionSteps = { outside: (fn) => tx.outside(fn), own: (fn) => tx.own(fn) };
  const execution: ExecutionContext = {
    queryRunner: env.queryRunner,
    dataSource: env.dataSource,
    dialect: env.dialect,
    sink: tx.tracking(env.sink),
    batch: true,
    transactions,
    online: env.online,
    onWarning: env.onWarning && ((message) => env.onWarning!(`revision ${revision.id}: ${message}`)),
  };
  const pending = new PendingOps(revision.id);
  const context: MigrationContext = {
    op: new Operations((op) =>
      pending.run(op, async () => {
        // Done and committed by an earlier run that stopped further on.
        if (progress.opsDone < progress.resumeAt) {
          progress.opsDone++;
          return;
        }
        env.onOp?.(op, step);
        progress.place = { at: 'op', op };
        if (env.dialect.runsOutsideTransaction?.(op)) await transactions.outside(() => executeOp(op, execution));
        else await executeOp(op, execution);
        progress.opsDone++;
        progress.place = { at: 'code' };
      }),
    ),
    queryRunner: env.queryRunner,
    dataSource: env.dataSource,
    dialect: env.dialect.name,
    offline: env.sink.offline,
    args: Object.freeze({ ...env.args }),
    outsideTransaction: transactions.outside,
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

/**
 * The next revision's module is loaded while this one's first query is on the server (module
 * loading is synchronous, so it would otherwise sit between two round trips: about a fifth of the
 * client's time in a run of small revisions). Only the module loads early, none of its functions
 * run; if this revision fails, the next one's top-level code has run without the revision.
 */
function preloadFollowing(following: Step | undefined): void {
  const preload = following?.revision.preload;
  if (preload) setImmediate(preload);
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
  lockHint = '',
): EntityMigrateError {
  if (error instanceof RevisionFailedError) return error;
  const inRevision = place.at === 'op' || place.at === 'code';
  const adopting = inRevision && env.neverMigrated && heads.length === 0 && env.dialect.isAlreadyExists(error);
  return revisionFailure(error, {
    step,
    file: displayFile(env, step),
    place,
    hint: adopting ? adoptHint(env.versions.table) : lockHint,
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
/**
 * The version table did not hold what the move should have left (see VersionStore.move): one
 * step's, or in transactionMode 'all' that of the steps whose bookkeeping went with a commit.
 */
function versionTableChanged(env: RunEnvironment, moved: readonly Step[], from: readonly string[], to: readonly string[], found: readonly string[]): RevisionFailedError {
  const first = moved[0]!;
  const last = moved[moved.length - 1]!;
  const list = (heads: readonly string[]) => (heads.length > 0 ? heads.join(', ') : 'base');
  const undone = env.transactionMode === 'none' ? 'its changes stay (transactionMode none)' : 'it was rolled back';
  const revisions =
    moved.length === 1
      ? `Revision ${first.revision.id} (${displayFile(env, first)})`
      : `Revisions ${first.revision.id} … ${last.revision.id} (${moved.length} in one transaction)`;
  return new RevisionFailedError(
    `${revisions} failed: the version table ${env.versions.table} holds ${list(found)} where it should now hold ` +
      `${list(to)} (moved from ${list(from)}); something else changed it during the run; ${undone}`,
    last.revision.id,
    last.revision.file,
    undefined,
  );
}
