/**
 * `baseline`: adopt a database that existed before its revisions. One revision whose upgrade builds
 * the schema as the database has it now (read from the catalog, see autogenerate/from-database.ts)
 * and whose downgrade drops it all, recorded in the version table without running. An empty
 * database built with `upgrade head` then gets the same schema, and `check` on the adopted
 * database shows exactly how the entities differ from it.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DatabaseSchema } from '../autogenerate/from-database';
import { loadAutogenerate } from '../autogenerate/load';
import type { NewRevision } from '../script/write-revision';
import type { AdoptedMetadata } from './adopted-metadata';

export interface BaselineOptions {
  message: string;
  /**
   * Start a new history where there is one (revision files, or a version table that records a
   * revision): the old revision files are moved to `<migrationsDir>/pre-baseline/`.
   */
  force?: boolean;
  /** Default: 12 random hex characters. */
  revId?: string;
}

export interface BaselineResult {
  /** The revision file written. */
  file: string;
  revision: string;
  /** What it creates. */
  tables: number;
  views: number;
  schemas: number;
  /** With `force`: the heads the version table recorded before, and where the old files went. */
  replacedHeads: string[];
  movedFiles: string[];
  /** Views and generated columns recorded in TypeORM's metadata table, as the upgrade would have (runtime/adopted-metadata.ts). */
  typeormMetadata: AdoptedMetadata;
}

/** The folder the old revision files go to when `--force` starts a new history. */
export function preBaselineDir(migrationsDir: string): string {
  return join(migrationsDir, 'pre-baseline');
}

/** The database's name for the revision's header: no host, user or URL goes into a committed file. */
export function databaseLabel(options: { database?: unknown; url?: unknown }): string {
  if (typeof options.database === 'string' && options.database) return `database ${basename(options.database)}`;
  if (typeof options.url === 'string' && options.url) {
    const path = options.url.replace(/[?#].*$/, '').split('/').pop();
    if (path) return `database ${decodeURIComponent(path)}`;
  }
  return 'the database';
}

/** The revision file's pieces: the ops, and a header that says where they came from. */
export function baselineRevision(schema: DatabaseSchema, database: string): Pick<NewRevision, 'summary' | 'upgradeBody' | 'downgradeBody'> {
  return loadAutogenerate().renderDatabaseSchema(schema, [
    `Baseline of ${database}, read from the database on ${new Date().toISOString()}.`,
    'That database was stamped at this revision without running it; on an empty database',
    'the upgrade builds the same schema, and the downgrade drops all of it.',
  ]);
}

/**
 * Move revision files aside (keeping their names), refusing to overwrite one already there.
 * Returns the new paths and an undo that moves them back.
 */
export function moveFilesAside(files: readonly string[], dir: string): { moved: string[]; undo: () => void } {
  const targets = files.map((file) => join(dir, basename(file)));
  const clash = targets.find((target) => existsSync(target));
  if (clash) throw new Error(`${clash} already exists`);
  mkdirSync(dir, { recursive: true });
  const done: [string, string][] = [];
  for (const [i, file] of files.entries()) {
    renameSync(file, targets[i]);
    done.push([file, targets[i]]);
  }
  return { moved: targets, undo: () => done.reverse().forEach(([from, to]) => renameSync(to, from)) };
}
