import type { QueryRunner } from 'typeorm';
import { driverFailures } from '../driver-error';

/** SQLSTATE in_failed_sql_transaction: the transaction is open but aborted, awaiting ROLLBACK. */
const IN_FAILED_TRANSACTION = '25P02';

/**
 * Which part of a failed `bookkeeping…; COMMIT; BEGIN` query failed. PostgreSQL skips the rest of
 * the query after a failed statement: a failed bookkeeping statement leaves the transaction open
 * and aborted (any statement is refused with 25P02), a failed COMMIT (a deferred constraint) has
 * ended it (a statement runs).
 */
export async function postgresFailedInChain(queryRunner: QueryRunner): Promise<'bookkeeping' | 'commit' | undefined> {
  try {
    await queryRunner.query('SELECT 1');
    return 'commit';
  } catch (error) {
    return driverFailures(error).some((f) => f.code === IN_FAILED_TRANSACTION) ? 'bookkeeping' : undefined;
  }
}
