import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import type { Dialect } from '../dialects';

/**
 * A file-based database (SQLite) whose file does not exist yet: connecting would create it, so a
 * command refused anyway must find that out without connecting. Not for an initialized data
 * source (its file exists) or an in-memory database.
 */
export function databaseFileMissing(dataSource: DataSource, dialect: Dialect): boolean {
  if (dataSource.isInitialized || !dialect.connection.fileBased) return false;
  const file = (dataSource.options as { database?: unknown }).database;
  // TypeORM opens a relative path from the process's working folder, as resolve() reads it.
  return typeof file === 'string' && file !== '' && file !== ':memory:' && !existsSync(resolve(file));
}
