import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource, type DataSourceOptions, type QueryRunner } from 'typeorm';
import { loadEnvFile } from '../config/env-file';
import { isDataSource, isPromise } from '../values';
import type { DataSourceInput } from '../config/types';
import { displayPath } from '../display-path';
import { dataSourceFromValue } from '../load/data-source-export';
import { assertHasEntities } from '../load/entity-source';
import { dialectFor, type Dialect } from '../dialects';
import { ConfigError, EntityMigrateError, RevisionGraphError } from '../errors';
import { initializeDataSource } from '../load/data-source';
import { loadRevisions } from '../script/load-revisions';
import { planDowngrade, planUpgrade, resolveRevisionExpression, singleHead, type Step } from '../script/plan';
import type { Revision } from '../script/revision';
import { RevisionGraph } from '../script/revision-graph';
import { writeRevision, type NewRevision } from '../script/write-revision';
import { runSteps, type TransactionMode } from './run-steps';
import { LiveSink, OfflineSink } from './statement-sink';
import { VersionStore } from './version-store';
import { HistoryStore, type ChangedRevision } from './history-store';
import { withMigrationLock } from './with-migration-lock';
import type { VerifyReport } from './verify';
import type { AutogenerateOptions } from './autogenerate-against-head';
import type { AutogenerateResult } from '../autogenerate';
import { loadAutogenerate } from '../autogenerate/load';
import { invalidTablePatterns, type TablePatterns } from '../config/table-patterns';
import { assertDropsAllowed, type DropConsent } from './table-drops';

export interface MigratorOptions {
  /**
   * A TypeORM DataSource (initialized or not) or its options. Entities matter only to autogenerate.
   * `createMigrator` also takes an (async) function or a Promise returning either.
   */
  dataSource: DataSource | DataSourceOptions;
  /**
   * Holds `versions/` and optional `templates/`. Default `migrations`. A relative path starts at
   * `cwd` (default `process.cwd()`, which depends on where the app was started: pass an absolute
   * path, e.g. `join(__dirname, '../migrations')`, to be safe). The `versions/` folder must exist:
   * a missing one is an error naming the absolute path, never "no revisions".
   */
  migrationsDir?: string;
  /** Default `entity_migrate_version`. */
  versionTable?: string;
  /** Default `entity_migrate_history`: one row per revision run, with its checksum. */
  historyTable?: string;
  /** Default `each`: one transaction per revision together with its version-table update. */
  transactionMode?: TransactionMode;
  /** Base for relative paths and for the paths printed in messages. Default `process.cwd()`. */
  cwd?: string;
  /** How long upgrade/downgrade/stamp wait for another process's migration lock. Default 60 000 ms. */
  lockTimeout?: number;
  /** Name the lock is derived from. Default: the version table's name. */
  lockName?: string;
  /** The config file the options came from, named in messages (the CLI sets it). */
  configFile?: string;
  /** Table-name patterns autogenerate and check consider (`*`, `?`; `table` or `schema.table`). Default: all. */
  include?: readonly string[];
  /** Table-name patterns autogenerate and check leave alone: never created, altered or dropped. */
  exclude?: readonly string[];
}

/** `createMigrator`'s options: the same, with a DataSource factory allowed and an env file to load. */
export interface CreateMigratorOptions extends Omit<MigratorOptions, 'dataSource'> {
  /** A DataSource, its options, or an (async) function (called with no arguments) or a Promise returning either. */
  dataSource: DataSourceInput;
  /**
   * A `.env` file to load into `process.env` first (relative to `cwd`), before a `dataSource`
   * function runs; variables already set win. It must exist. No file is loaded by default.
   */
  envFile?: string;
}

/** One revision run (or printed, with `sql`). */
export interface StepReport {
  revision: string;
  direction: 'up' | 'down';
  downRevisions: string[];
  message: string;
  file: string;
  durationMs: number;
}

export interface RunResult {
  /** Revisions run, in order. */
  steps: StepReport[];
  /** Heads recorded in the version table afterwards. */
  heads: string[];
  /** With `sql: true`: the script that would have run. */
  sql?: string;
}

export interface RunOptions {
  /** Print the SQL instead of running it (the database is only read). */
  sql?: boolean;
  /** Called as each revision commits, e.g. to print progress. */
  onStep?: (step: StepReport) => void;
}

export interface RevisionInfo {
  id: string;
  downRevisions: string[];
  message: string;
  createdAt: string | undefined;
  file: string;
  isHead: boolean;
  isBase: boolean;
  isCurrent: boolean;
}

/**
 * The programmatic API: everything the CLI does, as methods. Safe to create at app startup;
 * call `close()` when done (it destroys the DataSource only if the migrator initialized it).
 */
export class Migrator {
  readonly cwd: string;
  readonly migrationsDir: string;
  readonly versionsDir: string;
  readonly dataSource: DataSource;
  private readonly transactionMode: TransactionMode;
  readonly versionTable: string;
  readonly historyTable: string;
  private readonly lockTimeout: number;
  private readonly lockName: string;
  /** `include` / `exclude` (see autogenerate/table-filter.ts). */
  readonly tablePatterns: TablePatterns;
  private ownsConnection = false;
  private cachedGraph: RevisionGraph | undefined;
  private readonly configFile: string | undefined;
  private readonly migrationsDirOption: string;

  constructor(options: MigratorOptions) {
    this.cwd = options.cwd ?? process.cwd();
    this.migrationsDirOption = options.migrationsDir ?? 'migrations';
    this.migrationsDir = resolve(this.cwd, this.migrationsDirOption);
    this.versionsDir = join(this.migrationsDir, 'versions');
    this.configFile = options.configFile;
    const dataSource = options.dataSource as unknown;
    if (typeof dataSource === 'function' || (isPromise(dataSource) && !isDataSource(dataSource))) {
      throw new EntityMigrateError('CONFIG_INVALID', 'new Migrator() takes a DataSource or its options; use createMigrator() for a function or Promise');
    }
    this.dataSource = options.dataSource instanceof DataSource ? options.dataSource : new DataSource(options.dataSource);
    this.transactionMode = options.transactionMode ?? 'each';
    this.versionTable = options.versionTable ?? 'entity_migrate_version';
    this.historyTable = options.historyTable ?? 'entity_migrate_history';
    this.lockTimeout = options.lockTimeout ?? 60_000;
    if (!Number.isFinite(this.lockTimeout) || this.lockTimeout < 0) {
      throw new EntityMigrateError('CONFIG_INVALID', `lockTimeout must be a number of milliseconds >= 0, got ${options.lockTimeout}`);
    }
    this.lockName = options.lockName ?? this.versionTable;
    for (const key of ['include', 'exclude'] as const) {
      const invalid = invalidTablePatterns(key, options[key]);
      if (invalid) throw new EntityMigrateError('CONFIG_INVALID', invalid);
    }
    this.tablePatterns = { include: options.include, exclude: options.exclude };
  }

  /** The revision files as a validated graph (loaded once per migrator). */
  graph(): RevisionGraph {
    if (!this.cachedGraph) {
      this.assertVersionsDir();
      this.cachedGraph = RevisionGraph.build(loadRevisions(this.versionsDir, this.cwd), this.cwd);
    }
    return this.cachedGraph;
  }

  /**
   * A missing versions folder is an error, not "no revisions": an app started from another folder
   * would otherwise see an empty chain (and autogenerate would start one from base).
   */
  private assertVersionsDir(): void {
    if (existsSync(this.versionsDir) && statSync(this.versionsDir).isDirectory()) return;
    const from = this.configFile
      ? `migrationsDir of ${displayPath(this.configFile, this.cwd)}, relative to its folder`
      : `migrationsDir '${this.migrationsDirOption}', relative to ${this.cwd}`;
    throw new ConfigError(
      'VERSIONS_NOT_FOUND',
      `versions folder ${this.versionsDir} does not exist (${from}); run 'entity-migrate init' or create it`,
    );
  }

  /** Forget loaded revision files, e.g. after writing a new one. */
  reload(): void {
    this.cachedGraph = undefined;
  }

  heads(): Revision[] {
    return this.graph().heads();
  }

  /** Tables entity-migrate keeps for itself, which autogenerate must never touch. */
  ownTables(): string[] {
    return [this.versionTable, this.historyTable, ...(this.dialect().lock.tables?.(this.lockName) ?? [])];
  }

  /** The single head; throws, naming them, when there are several. */
  headId(): string {
    return singleHead(this.graph()).id;
  }

  /**
   * Revisions newest first. `range` is `A:B` as in Alembic: from A up to B, inclusive; either side
   * may be empty, and `current`, `head` and `base` are understood.
   */
  async history(range?: string): Promise<RevisionInfo[]> {
    const graph = this.graph();
    const current = await this.currentHeadsIfReachable();
    let revisions = graph.all();
    if (range !== undefined) {
      if (!range.includes(':')) throw new RevisionGraphError('INVALID_TARGET', `History range '${range}' must look like A:B`);
      const [from, to] = range.split(':');
      const pick = (token: string): string[] =>
        token === 'current' ? current : token === 'head' ? [singleHead(graph).id] : [graph.resolve(token).id];
      const upper = to && to !== 'heads' ? graph.ancestorsOf(pick(to)) : undefined;
      const lower = from && from !== 'base' ? graph.descendantsOf(pick(from)) : undefined;
      revisions = revisions.filter((r) => (!upper || upper.has(r.id)) && (!lower || lower.has(r.id)));
    }
    return revisions.reverse().map((r) => this.describe(r, new Set(current)));
  }

  show(idOrPrefix: string): RevisionInfo {
    return this.describe(this.graph().resolve(idOrPrefix), new Set());
  }

  /** The heads recorded in the database's version table. */
  async current(): Promise<RevisionInfo[]> {
    const heads = await this.withRunner((qr) => this.readHeads(qr));
    return heads.map((h) => this.describe(this.graph().get(h), new Set()));
  }

  async upgrade(target = 'head', options: RunOptions = {}): Promise<RunResult> {
    return this.run(options, (graph, heads) => planUpgrade(graph, heads, target));
  }

  async downgrade(target: string, options: RunOptions = {}): Promise<RunResult> {
    return this.run(options, (graph, heads) => planDowngrade(graph, heads, target));
  }

  /** Record `target` as the current revision without running anything. */
  async stamp(target: string, options: RunOptions = {}): Promise<RunResult> {
    const graph = this.graph();
    return this.withLockedRunner(options, async (qr) => {
      const dialect = this.dialect();
      const sink = options.sql ? new OfflineSink(qr, dialect) : new LiveSink(qr, dialect);
      const versions = new VersionStore(this.versionTable, dialect);
      // Unvalidated: stamping is how a database recorded at a revision no file has is put right.
      const before = await versions.readHeads(qr);
      const next = resolveRevisionExpression(graph, target, before.filter((h) => graph.has(h))).sort();
      await versions.ensureTable(sink);
      await versions.write(sink, before, next);
      return { steps: [], heads: next, sql: sink instanceof OfflineSink ? sink.statements.join('\n') : undefined };
    });
  }

  /**
   * Compare the entities with the database (which must be at head) and return the pending ops.
   * An empty `ops` means they agree.
   */
  async check(options: AutogenerateOptions = {}): Promise<AutogenerateResult> {
    this.graph(); // a missing versions folder is reported before connecting
    await this.connect();
    assertHasEntities(this.dataSource);
    // Loaded on use: commands that do not compare schemas start without autogenerate.
    const { autogenerateAgainstHead } = require('./autogenerate-against-head') as typeof import('./autogenerate-against-head');
    return autogenerateAgainstHead(this, options);
  }

  /**
   * Write a revision holding the difference between entities and database, or return
   * `file: undefined` when there is none (unless `allowEmpty`). A revision that drops tables is
   * refused unless `allowDrop` or `confirmDrop` says yes.
   */
  async autogenerate(
    spec: Omit<NewRevision, 'downRevisions' | 'upgradeBody' | 'downgradeBody' | 'summary'> & AutogenerateOptions & DropConsent & { allowEmpty?: boolean },
  ): Promise<AutogenerateResult & { file: string | undefined }> {
    const result = await this.check(spec);
    if (result.ops.length === 0 && !spec.allowEmpty) return { ...result, file: undefined };
    await assertDropsAllowed(result.ops, spec);
    const file = this.createRevision({ ...spec, ...loadAutogenerate().renderRevision(result) });
    return { ...result, file };
  }

  /**
   * Applied revisions whose upgrade/downgrade code changed since they ran (compared by the
   * checksum the history table recorded). Revisions applied before the history existed are skipped.
   */
  async changedRevisions(): Promise<ChangedRevision[]> {
    return this.withRunner(async (queryRunner) => {
      const graph = this.graph();
      const applied = graph.ancestorsOf(await this.readHeads(queryRunner));
      const checksums = await new HistoryStore(this.historyTable, this.dialect()).appliedChecksums(queryRunner);
      return graph
        .topologicalOrder(applied)
        .filter((rev) => checksums.has(rev.id) && checksums.get(rev.id) !== rev.checksum)
        .map((rev) => ({ revision: rev.id, file: rev.file, appliedChecksum: checksums.get(rev.id)!, currentChecksum: rev.checksum }));
    });
  }

  /** Prove every revision up and down on a scratch database (see `verifyRevisions`). */
  async verify(): Promise<VerifyReport> {
    const { verifyRevisions } = require('./verify') as typeof import('./verify');
    return verifyRevisions(this);
  }

  /** Write a new empty (or templated) revision on top of the current head(s). */
  createRevision(spec: Omit<NewRevision, 'downRevisions'> & { downRevisions?: string[] }): string {
    const graph = this.graph();
    const downRevisions = spec.downRevisions ?? graph.heads().map((r) => r.id);
    if (!spec.downRevisions && downRevisions.length > 1) singleHead(graph); // throws, naming the heads
    const file = writeRevision(this.versionsDir, this.migrationsDir, { ...spec, downRevisions });
    this.reload();
    return file;
  }

  /** A revision whose parents are the given heads, rejoining a divergent graph. */
  merge(revisions: string[], message: string, revId?: string): string {
    const graph = this.graph();
    const ids = [...new Set(revisions.map((r) => graph.resolve(r).id))];
    if (ids.length < 2) throw new RevisionGraphError('INVALID_TARGET', 'merge needs two or more different revisions');
    return this.createRevision({ message, downRevisions: ids, revId });
  }

  async close(): Promise<void> {
    if (this.ownsConnection && this.dataSource.isInitialized) await this.dataSource.destroy();
    this.ownsConnection = false;
  }

  /** Connect if needed; the migrator closes only what it opened. */
  async connect(): Promise<DataSource> {
    if (!this.dataSource.isInitialized) {
      await initializeDataSource(this.dataSource);
      this.ownsConnection = true;
    }
    return this.dataSource;
  }

  dialect(): Dialect {
    return dialectFor(this.dataSource);
  }

  private async run(options: RunOptions, plan: (graph: RevisionGraph, heads: string[]) => Step[]): Promise<RunResult> {
    const graph = this.graph();
    return this.withLockedRunner(options, async (queryRunner) => {
      const dialect = this.dialect();
      const sink = options.sql ? new OfflineSink(queryRunner, dialect) : new LiveSink(queryRunner, dialect);
      const versions = new VersionStore(this.versionTable, dialect);
      const history = new HistoryStore(this.historyTable, dialect);
      const startHeads = await this.readHeads(queryRunner);
      const steps = plan(graph, startHeads);
      // Only a run that does something creates our tables: a refused target leaves no trace.
      if (steps.length > 0) {
        await versions.ensureTable(sink);
        await history.ensureTable(sink);
      }
      const reports: StepReport[] = [];
      const onStep = (step: Step, durationMs: number) => {
        const report: StepReport = {
          revision: step.revision.id,
          direction: step.direction,
          downRevisions: [...step.revision.downRevisions],
          message: step.revision.message,
          file: step.revision.file,
          durationMs,
        };
        reports.push(report);
        options.onStep?.(report);
      };
      const heads = await runSteps(
        { graph, dataSource: this.dataSource, queryRunner, dialect, sink, versions, history, transactionMode: this.transactionMode, cwd: this.cwd, onStep },
        steps,
        startHeads,
      );
      return {
        steps: reports,
        heads,
        sql: sink instanceof OfflineSink ? sink.statements.join('\n') : undefined,
      };
    });
  }

  private async readHeads(queryRunner: QueryRunner): Promise<string[]> {
    const heads = await new VersionStore(this.versionTable, this.dialect()).readHeads(queryRunner);
    const graph = this.graph();
    for (const head of heads) {
      if (!graph.has(head)) {
        throw new RevisionGraphError(
          'UNKNOWN_REVISION',
          `The database is at revision ${head} (table ${this.versionTable}), but no file in ${graph.show(this.versionsDir)} has that revision`,
        );
      }
    }
    return heads;
  }

  /** `history` marks the current revision when the database answers, and works offline when not. */
  private async currentHeadsIfReachable(): Promise<string[]> {
    try {
      return await this.withRunner((qr) => this.readHeads(qr));
    } catch {
      return [];
    }
  }

  private async withRunner<T>(fn: (queryRunner: QueryRunner) => Promise<T>): Promise<T> {
    this.graph(); // a missing versions folder is reported before the database is touched
    await this.connect();
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    try {
      return await fn(queryRunner);
    } finally {
      await queryRunner.release();
    }
  }

  /** Live runs hold the migration lock; `--sql` only reads, so it takes none. */
  private async withLockedRunner<T>(options: RunOptions, fn: (queryRunner: QueryRunner) => Promise<T>): Promise<T> {
    return this.withRunner((queryRunner) =>
      options.sql
        ? fn(queryRunner)
        : withMigrationLock(queryRunner, this.dialect(), this.lockName, this.lockTimeout, () => fn(queryRunner)),
    );
  }

  private describe(r: Revision, current: Set<string>): RevisionInfo {
    const graph = this.graph();
    return {
      id: r.id,
      downRevisions: [...r.downRevisions],
      message: r.message,
      createdAt: r.createdAt,
      file: r.file,
      isHead: graph.children(r.id).length === 0,
      isBase: r.downRevisions.length === 0,
      isCurrent: current.has(r.id),
    };
  }
}

/**
 * Create a migrator (see `CreateMigratorOptions`); nothing connects until a method needs the
 * database. A `dataSource` function runs here, after `envFile` is loaded.
 */
export async function createMigrator(options: CreateMigratorOptions): Promise<Migrator> {
  const cwd = options.cwd ?? process.cwd();
  const { envFile, ...rest } = options;
  if (envFile !== undefined) loadEnvFile(resolve(cwd, envFile), process.env, 'createMigrator({ envFile })', cwd);
  let dataSource = options.dataSource as unknown;
  if (!isDataSource(dataSource) && (typeof dataSource === 'function' || isPromise(dataSource))) {
    dataSource = await dataSourceFromValue(dataSource, 'createMigrator({ dataSource })');
  }
  return new Migrator({ ...rest, dataSource: dataSource as DataSource | DataSourceOptions });
}
