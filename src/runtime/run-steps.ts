import { relative } from 'node:path';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Dialect } from '../dialects';
import type { ExecutionContext, StatementSink } from '../ops/execution';
import { EntityMigrateError, RevisionFailedError } from '../errors';
import { opTarget } from '../ops/describe';
import { executeOp } from '../ops/execute';
import { Operations } from '../ops/operations';
import type { Op } from '../ops/types';
import { headsAfter, type Step } from '../script/plan';
import type { RevisionGraph } from '../script/revision-graph';
import type { TransactionMode } from '../config/types';
import type { MigrationContext } from '../script/migration-context';
import type { HistoryStore } from './history-store';
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
  /** Called after each step commits (or is written, offline). */
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
  if (!perStep) await tx.begin();
  try {
    for (const [index, step] of steps.entries()) {
      const started = Date.now();
      if (perStep) await tx.begin();
      try {
        await runStep(env, step, tx, heads);
        const next = headsAfter(env.graph, heads, step);
        const found = await env.versions.move(env.sink, heads, next);
        if (found) throw versionTableChanged(env, step, heads, next, found);
        const closing = [env.history.statement(step, Date.now() - started)];
        if (perStep) await tx.commit(closing, index < steps.length - 1);
        else await env.sink.queryMany(closing);
        heads = next;
      } catch (error) {
        if (perStep) await tx.rollback();
        throw error;
      }
      env.onStep?.(step, Date.now() - started);
    }
    if (!perStep) await tx.commit([], false);
  } catch (error) {
    if (!perStep) await tx.rollback();
    throw error;
  }
  return heads;
}

async function runStep(env: RunEnvironment, step: Step, tx: Transactions, heads: readonly string[]): Promise<void> {
  const { revision, direction } = step;
  const file = relative(env.cwd, revision.file) || revision.file;
  const fn = direction === 'up' ? revision.upgrade : revision.downgrade;
  if (!fn) {
    throw new EntityMigrateError('REVISION_INVALID', `${file}: revision ${revision.id} has no downgrade()`);
  }
  env.sink.comment?.(`${direction === 'up' ? 'Upgrade' : 'Downgrade'} ${revision.id}: ${revision.message}`);
  let currentOp: Op | undefined;
  const execution: ExecutionContext = {
    queryRunner: env.queryRunner,
    dataSource: env.dataSource,
    dialect: env.dialect,
    sink: env.sink,
    batch: true,
  };
  const context: MigrationContext = {
    op: new Operations(async (op) => {
      env.onOp?.(op, step);
      currentOp = op;
      if (env.dialect.runsOutsideTransaction?.(op)) await tx.outside(() => executeOp(op, execution));
      else await executeOp(op, execution);
      currentOp = undefined;
    }),
    queryRunner: env.queryRunner,
    dataSource: env.dataSource,
    dialect: env.dialect.name,
    offline: env.sink.offline,
    outsideTransaction: (fn) => tx.outside(fn),
  };
  try {
    await fn(context);
    currentOp = undefined;
    await env.dialect.afterOps?.(execution);
  } catch (error) {
    const adopting = env.neverMigrated && heads.length === 0 && env.dialect.isAlreadyExists(error);
    throw revisionFailure(error, step, file, currentOp, adopting ? adoptHint(env.versions.table) : '');
  }
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

/** One line: which revision, which op, which SQL, and the database's own words. */
function revisionFailure(error: unknown, step: Step, file: string, op: Op | undefined, hint: string): EntityMigrateError {
  if (error instanceof RevisionFailedError) return error;
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const sql = error instanceof Error && 'query' in error && typeof error.query === 'string' ? error.query : undefined;
  const where = op ? ` in op.${op.kind}(${opTarget(op)})` : '';
  const what = step.direction === 'up' ? 'upgrade' : 'downgrade';
  const message =
    `Revision ${step.revision.id} (${file}) failed during ${what}${where}: ${reason}${hint}` +
    (sql ? `; SQL: ${oneLine(sql)}` : '');
  return new RevisionFailedError(message, step.revision.id, step.revision.file, sql, { cause: error });
}

/** The version table did not hold what the step's move should have left (see VersionStore.move). */
function versionTableChanged(env: RunEnvironment, step: Step, from: readonly string[], to: readonly string[], found: readonly string[]): RevisionFailedError {
  const file = relative(env.cwd, step.revision.file) || step.revision.file;
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

function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
