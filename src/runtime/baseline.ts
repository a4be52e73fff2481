/**
 * `baseline`: adopt a database that existed before its revisions. One revision whose upgrade builds
 * the schema as the database has it now (read from the catalog, see autogenerate/from-database.ts)
 * and whose downgrade drops it all, recorded in the version table without running. An empty
 * database built with `upgrade head` then gets the same schema, and `check` on the adopted
 * database shows exactly how the entities differ from it.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DataSource, QueryRunner } from 'typeorm';
import type { DatabaseSchema } from '../autogenerate/from-database';
import { loadAutogenerate } from '../autogenerate/load';
import { describeTarget } from '../config/mask-url';
import { dialectFor } from '../dialects';
import type { ResolvedSettings, TablePatterns } from '../config/types';
import { displayPath } from '../display-path';
import { EntityMigrateError, StateError } from '../errors';
import type { RevisionGraph } from '../script/revision-graph';
import { assertRevIdOption, newRevisionId, writeRevision, type NewRevision } from '../script/write-revision';
import { recordAdoptedMetadata, type AdoptedMetadata } from './adopted-metadata';
import { LiveSink } from './statement-sink';
import type { VersionStore } from './version-store';

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
  /** What the database holds that the revision does not create (triggers, functions...): see DatabaseSchema.notAdopted. */
  notAdopted: string[];
}

/** What adopting a database needs of the migrator. */
export interface BaselineSubject {
  readonly settings: ResolvedSettings;
  readonly dataSource: DataSource;
  graph(): RevisionGraph;
  /** Forget the loaded revision files (after writing or moving some). */
  reload(): void;
  /** Tables of ours, never part of the baseline. */
  ownTables(): string[];
  versionStore(): VersionStore;
  /** Run `fn` on a connected runner holding the migration lock. */
  underLock<T>(fn: (queryRunner: QueryRunner) => Promise<T>): Promise<T>;
}

/**
 * Write the baseline revision and stamp the database there, all under the migration lock; refused
 * where a history exists unless `force`. Any failure after files were written or moved puts them back.
 */
export async function adoptDatabase(subject: BaselineSubject, options: BaselineOptions): Promise<BaselineResult> {
  const { settings, dataSource } = subject;
  if (!options.message?.trim()) throw new EntityMigrateError('REVISION_INVALID', 'baseline needs a message (-m "...")');
  const revision = options.revId ?? newRevisionId();
  assertRevIdOption(revision);
  const existing = subject.graph().all();
  return subject.underLock(async (qr) => {
    const versions = subject.versionStore();
    const recorded = await versions.readHeads(qr);
    if (!options.force && (existing.length > 0 || recorded.length > 0)) {
      const what =
        existing.length > 0
          ? `${displayPath(settings.versionsDir, settings.cwd)} already holds ${existing.length} revision(s)`
          : `the database is already recorded at ${recorded.join(', ')} (table ${settings.versionTable})`;
      throw new StateError(
        'HISTORY_EXISTS',
        `${what}: baseline starts a history; pass --force to start a new one (old revision files are moved to ${displayPath(preBaselineDir(settings.migrationsDir), settings.cwd)})`,
      );
    }
    const patterns: TablePatterns = { include: settings.include, exclude: settings.exclude };
    const schema = await loadAutogenerate().databaseSchema(dataSource, { ignoreTables: subject.ownTables(), ...patterns });
    if (schema.ops.length === 0) {
      throw new StateError(
        'NOTHING_TO_ADOPT',
        `${describeTarget(dataSource.options)} has no tables or views to adopt; write the first revision with 'entity-migrate revision --autogenerate -m "..."'`,
      );
    }
    const aside = moveFilesAside(existing.map((r) => r.file), preBaselineDir(settings.migrationsDir));
    let file: string | undefined;
    let adopted: AdoptedMetadata;
    try {
      file = writeRevision(settings.versionsDir, settings.migrationsDir, {
        message: options.message,
        revId: revision,
        downRevisions: [],
        ...baselineRevision(schema, databaseLabel(dataSource.options)),
      });
      subject.reload();
      subject.graph(); // the new file must load before the database records it
      const sink = new LiveSink(qr, dialectFor(dataSource));
      await versions.ensureTable(sink);
      await versions.write(sink, recorded, [revision]);
      adopted = await recordAdoptedMetadata(qr, dataSource, schema.ops);
    } catch (error) {
      if (file) rmSync(file, { force: true });
      aside.undo();
      subject.reload();
      throw error;
    }
    return {
      file,
      revision,
      tables: schema.tables.length,
      views: schema.views.length,
      schemas: schema.schemas.length,
      replacedHeads: recorded,
      movedFiles: aside.moved,
      typeormMetadata: adopted,
      notAdopted: schema.notAdopted,
    };
  });
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
