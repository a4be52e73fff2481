import type { DataSource } from 'typeorm';
import type { Dialect } from '../dialects';
import { missingDatabaseFile } from '../dialects/database-file';

/**
 * A file-based database (SQLite) whose file does not exist yet: connecting would create it, so a
 * command refused anyway must find that out without connecting. Not for an initialized data
 * source (its file exists) or an in-memory database.
 */
export function databaseFileMissing(dataSource: DataSource, dialect: Dialect): boolean {
  if (dataSource.isInitialized || !dialect.connection.fileBased) return false;
  return missingDatabaseFile(dataSource.options) !== undefined;
}
