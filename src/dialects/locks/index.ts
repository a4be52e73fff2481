import type { DialectName } from '../dialect';
import type { MigrationLock } from './migration-lock';
import { mysqlNamedLock } from './mysql-named-lock';
import { postgresAdvisoryLock } from './postgres-advisory-lock';
import { sqliteLockRow } from './sqlite-lock-row';

/** How each database holds the migration lock for a whole run. */
export const migrationLocks: Record<DialectName, MigrationLock> = {
  postgres: postgresAdvisoryLock,
  mysql: mysqlNamedLock,
  sqlite: sqliteLockRow,
};

export type { MigrationLock } from './migration-lock';
export { sqliteLockTableName } from './sqlite-lock-row';
