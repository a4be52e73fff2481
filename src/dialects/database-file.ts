/**
 * File-based databases (SQLite): the file a connection would create. Connecting creates it (and
 * its folder), so a command refused before it connects must not connect, and one that fails while
 * connecting must not leave an empty file behind.
 */
import { existsSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { DIALECT_CONNECTIONS } from '.';

/** A database file that does not exist yet, and the folders connecting would make for it. */
export interface MissingDatabaseFile {
  /** Absolute path. */
  file: string;
  /** Folders that do not exist yet, deepest first. */
  folders: string[];
}

/** The file the options name where it does not exist yet, or undefined (a server, `:memory:`, an existing file). */
export function missingDatabaseFile(options: DataSourceOptions): MissingDatabaseFile | undefined {
  const fileBased = DIALECT_CONNECTIONS.find((c) => c.driverTypes.includes(options.type))?.fileBased;
  const database = (options as { database?: unknown }).database;
  if (!fileBased || typeof database !== 'string' || database === '' || database === ':memory:') return undefined;
  // TypeORM opens a relative path from the process's working folder, as resolve() reads it.
  const file = resolve(database);
  if (existsSync(file)) return undefined;
  const folders: string[] = [];
  for (let folder = dirname(file); folder !== dirname(folder) && !existsSync(folder); folder = dirname(folder)) folders.push(folder);
  return { file, folders };
}

/** Undo what a failed connection made: the file and its journals while still empty, then the folders made for them, if empty. */
export function removeEmptyDatabaseFile({ file, folders }: MissingDatabaseFile): void {
  for (const path of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path) && statSync(path).size === 0) rmSync(path, { force: true });
  }
  for (const folder of folders) {
    if (!existsSync(folder) || readdirSync(folder).length > 0) return;
    rmdirSync(folder);
  }
}
