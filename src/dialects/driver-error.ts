import { isObject } from '../is-object';

/** What a database driver said when a query failed: its error code and message. */
export interface DriverFailure {
  /** PostgreSQL's SQLSTATE (`42P07`), MySQL's symbol (`ER_TABLE_EXISTS_ERROR`), SQLite's (`SQLITE_ERROR`). */
  code?: unknown;
  /** MySQL/MariaDB's error number (1050). */
  errno?: unknown;
  message: string;
  /** PostgreSQL's HINT line (`You might need to increase max_locks_per_transaction.`). */
  hint?: string;
}

/**
 * The driver's failures behind an error: the error itself, TypeORM's `driverError` (a
 * QueryFailedError copies some fields, not on every release), and any `cause` it was wrapped in.
 */
export function driverFailures(error: unknown): DriverFailure[] {
  const found: DriverFailure[] = [];
  const seen = new Set<unknown>();
  const stack: unknown[] = [error];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!isObject(item) || seen.has(item)) continue;
    seen.add(item);
    found.push({
      code: item.code,
      errno: item.errno,
      message: typeof item.message === 'string' ? item.message : '',
      ...(typeof item.hint === 'string' && item.hint !== '' && { hint: item.hint }),
    });
    stack.push(item.driverError, item.cause);
  }
  return found;
}

/** The database's own hint on how to get past the failure, where it gave one (PostgreSQL's HINT). */
export function driverHint(error: unknown): string | undefined {
  return driverFailures(error).find((failure) => failure.hint !== undefined)?.hint;
}
