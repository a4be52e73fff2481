/**
 * The one line a failed revision gives: which revision, where in it (an op, or a phase of its
 * transaction), the database's own words, and what became of its work (rolled back or not). A
 * failure while rolling back never replaces the revision's own error; it is told in the outcome.
 */
import { RevisionFailedError } from '../errors';
import { driverHint } from '../dialects/driver-error';
import { opTarget } from '../ops/describe';
import type { Op } from '../ops/types';
import type { Step } from '../script/plan';
import type { TransactionMode } from '../config/types';
import type { ClosingPhase } from './transactions';

/** Where in a revision's run a failure happened. */
export type FailurePlace =
  | { at: 'begin' }
  /** The revision's own code, outside any op. */
  | { at: 'code' }
  | { at: 'op'; op: Op }
  /** Work the dialect deferred to after the last op (SQLite's table rebuilds). */
  | { at: 'afterOps' }
  | { at: ClosingPhase };

/** What the run knew when the failure happened, and how the rollback went. */
export interface FailureFacts {
  step: Step;
  /** The revision's file as printed (relative to the working directory). */
  file: string;
  place: FailurePlace;
  /** Said after the cause, e.g. how to adopt tables made without us. */
  hint: string;
  /** The version and history tables, named when the bookkeeping fails. */
  bookkeepingTables: string;
  rollback: RollbackFacts;
}

export interface RollbackFacts {
  /** `--sql`: nothing ran, nothing to roll back. */
  offline: boolean;
  mode: TransactionMode;
  transactionalDdl: boolean;
  /** With transactionMode 'all': the revisions of the run, all undone by one rollback. */
  runSize: number;
  /** Part of the unit was committed before an `outsideTransaction` block. */
  committedEarly: boolean;
  /** What the ROLLBACK threw, if it did. */
  error: unknown;
}

export function revisionFailure(error: unknown, facts: FailureFacts): RevisionFailedError {
  const { step, place } = facts;
  const inRevision = place.at === 'op' || place.at === 'code';
  const sql = inRevision ? failedSql(error) : undefined;
  const what = step.direction === 'up' ? 'upgrade' : 'downgrade';
  const outcome = rollbackOutcome(facts.rollback, place.at === 'commit');
  const message =
    `Revision ${step.revision.id} (${facts.file}) failed during ${what}${where(place, facts.bookkeepingTables, facts.rollback)}: ` +
    `${firstLine(error)}${databaseHint(error)}${facts.hint}${sql ? `; SQL: ${oneLine(sql)}` : ''}${outcome ? `; ${outcome}` : ''}`;
  return new RevisionFailedError(message, step.revision.id, step.revision.file, sql, { cause: error });
}

function where(place: FailurePlace, bookkeepingTables: string, rollback: RollbackFacts): string {
  switch (place.at) {
    case 'op':
      return ` in op.${place.op.kind}(${opTarget(place.op)})`;
    case 'code':
      return '';
    case 'begin':
      return ' at begin (opening its transaction)';
    case 'afterOps':
      return ' after its last op (finishing deferred work)';
    case 'bookkeeping':
      return ` at bookkeeping (recording it in ${bookkeepingTables})`;
    case 'commit':
      return rollback.mode === 'all' ? ` at commit (the run's one transaction, transactionMode 'all')` : ' at commit';
  }
}

/** What became of the revision's work (with transactionMode 'all', of the whole run's). */
function rollbackOutcome(facts: RollbackFacts, atCommit: boolean): string | undefined {
  if (facts.offline) return undefined;
  if (facts.mode === 'none') {
    return `not rolled back: transactionMode 'none' runs it without a transaction, so the database may hold part of it`;
  }
  const subject = facts.mode === 'all' ? `the run (${facts.runSize} revision${facts.runSize === 1 ? '' : 's'})` : 'it';
  const early = facts.committedEarly ? `; what ran before its outsideTransaction() block was committed and stays` : '';
  if (facts.error === undefined) {
    const undone = facts.mode === 'all' ? `rolled back: none of the run's ${facts.runSize} revision(s) were applied` : 'rolled back';
    if (facts.transactionalDdl) return `${undone}${early}`;
    return `${undone}, but MySQL/MariaDB DDL is not transactional: schema changes made before the failure stay`;
  }
  const failed = `rollback failed: ${firstLine(facts.error)}`;
  if (atCommit) return `${failed}; the connection failed at COMMIT, so ${subject} may or may not have been committed: 'entity-migrate current' tells which`;
  if (!facts.transactionalDdl) return `${failed}; MySQL/MariaDB DDL is not transactional: the database may hold part of it`;
  return `${failed}; ${subject === 'it' ? 'it was' : `${subject} was`} not committed, so the database discards it with the lost connection${early}`;
}

/** The database's hint, which says how to get past the failure (`max_locks_per_transaction`). */
function databaseHint(error: unknown): string {
  const hint = driverHint(error);
  return hint ? ` (hint: ${hint.split('\n')[0]})` : '';
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** The statement the database refused, as TypeORM's QueryFailedError carries it. */
function failedSql(error: unknown): string | undefined {
  return error instanceof Error && 'query' in error && typeof error.query === 'string' ? error.query : undefined;
}

function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
