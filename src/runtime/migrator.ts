import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource, type DataSourceOptions, type QueryRunner } from 'typeorm';
import { loadEnvFile } from '../config/env-file';
import { DEFAULTS, settingsFromCode } from '../config/settings';
import type { CodeSettings, DataSourceInput, ResolvedSettings, TablePatterns } from '../config/types';
import { isDataSource, isPromise } from '../values';
import { displayPath } from '../display-path';
import { dataSourceFromValue } from '../load/data-source-export';
import { assertHasEntities } from '../load/entity-source';
import { dialectFor, type Dialect } from '../dialects';
import { ConfigError, EntityMigrateError, RevisionGraphError, StateError } from '../errors';
import { initializeDataSource } from '../load/data-source';
import { tolerateMissingMetadataTable } from '../typeorm-internals';
import { inDataSourceSchema } from '../ops/table-path';
import { loadRevisions } from '../script/load-revisions';
import { planDowngrade, planUpgrade, resolveRevisionExpression, singleHead, type Step } from '../script/plan';
import type { Revision } from '../script/revision';
import { RevisionGraph } from '../script/revision-graph';
import { writeRevision, type NewRevision } from '../script/write-revision';
import { runSteps } from './run-steps';
import { LiveSink, OfflineSink } from './statement-sink';
import { VersionStore } from './version-store';
import { assertNoAncestorRecorded } from './recorded-heads';
import { databaseFileMissing } from './fresh-database';
import { changedSinceApplied, HistoryStore, type ChangedRevision } from './history-store';
import type { RecordedState, StatusOptions, StatusReport } from './status';
import { withMigrationLock } from './with-migration-lock';
import { verifyRevisions, type VerifyOptions, type VerifyReport } from './verify';
import { autogenerateAgainstHead, type AutogenerateOptions } from './autogenerate-against-head';
import type { AutogenerateResult } from '../autogenerate';
import type { Op } from '../ops/types';
import { loadAutogenerate } from '../autogenerate/load';
import { assertDropsAllowed, type DropConsent } from './table-drops';
import type { SquashOptions, SquashResult } from './squash';
import type { BaselineOptions, BaselineResult } from './baseline';
import type { ImportTypeormOptions, ImportTypeormResult } from './import-typeorm';
import type { LockReport } from './lock-report';
import type { LockRetry } from './lock-wait';

/**
 * `new Migrator(options)`: the settings a config file takes (checked the same way, with the same
 * defaults; a relative `migrationsDir` starts at `cwd`), plus the database.
 */
export interface MigratorOptions extends CodeSettings {
  /**
   * A TypeORM DataSource (initialized or not) or its options. Entities matter only to autogenerate.
   * `createMigrator` also takes an (async) function or a Promise returning either.
   */
  dataSource: DataSource | DataSourceOptions;
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
  /** Called as each revision commits, e.g. to print progress (with transactionMode 'all', once the run commits). */
  onStep?: (step: StepReport) => void;
  /** Called with each op a revision calls (and the revision's id), before it runs. */
  onOp?: (op: Op, revision: string) => void;
  /** Called when a revision waited longer than `ddlLockTimeout` for a lock, was rolled back, and will be tried again. */
  onRetry?: (retry: LockRetry) => void;
  /** Called with a warning about an op as it runs (online mode: an ALTER the server would not run online). */
  onWarning?: (message: string) => void;
}

export interface StampOptions extends RunOptions {
  /** Sees the revisions the version table records, under the migration lock, before it is written; throw to refuse. */
  verifyRecorded?: (recorded: readonly string[]) => void;
  /**
   * Replace every row of the version table, whatever it holds (Alembic's `stamp --purge`): the way
   * out of rows that cannot all be true (a revision and its descendant). A relative target then
   * counts from base.
   */
  purge?: boolean;
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
  /** What it runs with: checked, defaults filled, paths absolute (config/settings.ts). */
  readonly settings: ResolvedSettings;
  readonly dataSource: DataSource;
  private ownsConnection = false;
  private cachedGraph: RevisionGraph | undefined;

  /** From options as documented: checked like a config file's, defaults filled. */
  constructor(options: MigratorOptions);
  /** From resolved settings (e.g. the CLI's config) and the DataSource built for them. */
  constructor(settings: ResolvedSettings, dataSource: DataSource);
  constructor(input: MigratorOptions | ResolvedSettings, dataSource?: DataSource) {
    if (dataSource !== undefined) {
      this.settings = input as ResolvedSettings;
      this.dataSource = dataSource;
    } else {
      const options = input as MigratorOptions;
      this.settings = settingsFromCode(options, 'new Migrator()');
      this.dataSource = toDataSource(options.dataSource);
    }
  }

  /** Base for relative paths and for the paths printed in messages. */
  get cwd(): string {
    return this.settings.cwd;
  }

  get migrationsDir(): string {
    return this.settings.migrationsDir;
  }

  get versionsDir(): string {
    return this.settings.versionsDir;
  }

  get versionTable(): string {
    return this.settings.versionTable;
  }

  get historyTable(): string {
    return this.settings.historyTable;
  }

  /** `include` / `exclude` (see autogenerate/table-filter.ts). */
  get tablePatterns(): TablePatterns {
    return { include: this.settings.include, exclude: this.settings.exclude };
  }

  /**
   * The version table's path unless `lockName` says otherwise: a tenant per schema (the data
   * source's `schema`) has its own version table, so its own lock, and does not wait for another.
   */
  private get lockName(): string {
    return this.settings.lockName ?? this.ownTablePath(this.settings.versionTable);
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
    const { configFile, cwd } = this.settings;
    const from = configFile
      ? `migrationsDir of ${displayPath(configFile, cwd)}, relative to its folder`
      : `migrationsDir '${displayPath(this.migrationsDir, cwd)}', relative to ${cwd}`;
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

  /**
   * Where a table of ours lives. A bare name goes where TypeORM puts unqualified tables, its own
   * migrations table included: in the data source's `schema` when it sets one. Our SQL and TypeORM's
   * `hasTable` then find the same table, also when that schema is not the search path's.
   */
  private ownTablePath(name: string): string {
    return inDataSourceSchema(name, this.dataSource, this.dialect().capabilities);
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
  async stamp(target: string, options: StampOptions = {}): Promise<RunResult> {
    const graph = this.graph();
    await this.refuseOnFreshDatabase(options, (heads) => resolveRevisionExpression(graph, target, heads));
    return this.withLockedRunner(options, async (qr) => {
      const dialect = this.dialect();
      const sink = options.sql ? new OfflineSink(qr, dialect) : new LiveSink(qr, dialect);
      const versions = this.versionStore();
      // Unvalidated: stamping is how a database recorded at a revision no file has is put right.
      const before = await versions.readHeads(qr);
      if (!options.purge) assertNoAncestorRecorded(graph, before, this.versionTable);
      options.verifyRecorded?.(before);
      const next = resolveRevisionExpression(graph, target, options.purge ? [] : before.filter((h) => graph.has(h))).sort();
      await versions.ensureTable(sink);
      await versions.write(sink, before, next);
      return { steps: [], heads: next, sql: sink instanceof OfflineSink ? sink.statements.join('\n') : undefined };
    });
  }

  /**
   * Adopt the database as it is (see runtime/baseline.ts): write a revision that builds its current
   * schema and stamp the database there, under the migration lock, without running it. Refused
   * where a history exists (revision files, or a recorded revision) unless `force`.
   */
  async baseline(options: BaselineOptions): Promise<BaselineResult> {
    return onUse<typeof import('./baseline')>('./baseline').adoptDatabase(
      {
        settings: this.settings,
        dataSource: this.dataSource,
        graph: () => this.graph(),
        reload: () => this.reload(),
        ownTables: () => this.ownTables(),
        versionStore: () => this.versionStore(),
        underLock: (fn) => this.withLockedRunner({}, fn),
      },
      options,
    );
  }

  /**
   * Compare the entities with the database (which must be at head) and return the pending ops.
   * An empty `ops` means they agree.
   */
  async check(options: AutogenerateOptions = {}): Promise<AutogenerateResult> {
    this.graph(); // a missing versions folder is reported before connecting
    await this.connect();
    assertHasEntities(this.dataSource);
    const graphHeads = this.heads().map((r) => r.id);
    const currentHeads = (await this.current()).map((r) => r.id);
    return autogenerateAgainstHead({ dataSource: this.dataSource, graphHeads, currentHeads, ownTables: this.ownTables(), ...this.tablePatterns, strictNames: this.settings.strictNames, online: this.settings.online }, options);
  }

  /**
   * What each of `ops` would lock on this database, with the sizes of the tables (runtime/lock-report.ts):
   * ops that hold off the app's writes while they work on a table of `largeTableRows` or more are warnings.
   */
  async lockReport(ops: readonly Op[]): Promise<LockReport> {
    await this.connect();
    return onUse<typeof import('./lock-report')>('./lock-report').lockReportFor(this.dataSource, this.dialect(), ops, this.settings.largeTableRows);
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
    // Where the database has no online form at all (SQLite), online changes nothing, the file included.
    if ((spec.online ?? this.settings.online) && this.dialect().online) result.blocking = onUse<typeof import('./lock-report')>('./lock-report').blockingOps(await this.lockReport(result.ops));
    const file = this.createRevision({ ...spec, ...loadAutogenerate().renderRevision(result) });
    return { ...result, file };
  }

  /**
   * Applied revisions whose upgrade/downgrade code changed since they ran (compared by the
   * checksum the history table recorded). Revisions applied before the history existed are skipped.
   */
  async changedRevisions(): Promise<ChangedRevision[]> {
    // No database file, no history; opening one would create it.
    if (databaseFileMissing(this.dataSource, this.dialect())) return [];
    return this.withRunner(async (queryRunner) =>
      changedSinceApplied(this.graph(), await this.readHeads(queryRunner), await this.historyStore().appliedChecksums(queryRunner)),
    );
  }

  /**
   * Where the database stands: its revision(s), the heads, pending revisions, applied files that
   * changed, and (unless `check: false`, which needs no entities) drift between entities and
   * database. A revision recorded that no file has is reported, not thrown.
   */
  async status(options: StatusOptions = {}): Promise<StatusReport> {
    return onUse<typeof import('./status')>('./status').readStatus({ graph: () => this.graph(), readRecorded: () => this.readRecorded(), check: () => this.check() }, options);
  }

  /**
   * Write one revision per TypeORM migration class (the DataSource's `migrations`) and stamp the
   * database at the last one TypeORM's migrations table records (see runtime/import-typeorm.ts).
   */
  async importTypeorm(options: ImportTypeormOptions = {}): Promise<ImportTypeormResult> {
    return onUse<typeof import('./import-typeorm')>('./import-typeorm').importTypeorm(this, options);
  }

  /** Prove every revision up and down on a scratch database (see `verifyRevisions`). */
  async verify(options: VerifyOptions = {}): Promise<VerifyReport> {
    return verifyRevisions(this, (dataSource) => this.onScratch(dataSource), options);
  }

  /**
   * Replace base..`target` with one revision that has `target`'s id and builds what they built
   * (see runtime/squash.ts). Works on a scratch database; the real one is not touched.
   */
  async squash(target: string, options: SquashOptions): Promise<SquashResult> {
    return onUse<typeof import('./squash')>('./squash').squashRevisions(this, target, options, (dataSource) => this.onScratch(dataSource));
  }

  /**
   * A migrator with these revisions on a scratch database. Each revision in its own transaction,
   * whatever `transactionMode` says, so one that fails leaves it at the revision before; the
   * default lock, as nothing else runs there.
   */
  private onScratch(dataSource: DataSource): Migrator {
    const { transactionMode: _mode, lockTimeout: _timeout, lockName: _name, ...same } = this.settings;
    return new Migrator({ ...same, transactionMode: DEFAULTS.transactionMode, lockTimeout: DEFAULTS.lockTimeout }, dataSource);
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
    await this.refuseOnFreshDatabase(options, (heads) => plan(graph, heads));
    return this.withLockedRunner(options, async (queryRunner) => {
      const dialect = this.dialect();
      const sink = options.sql ? new OfflineSink(queryRunner, dialect) : new LiveSink(queryRunner, dialect);
      const versions = new VersionStore(this.ownTablePath(this.versionTable), dialect);
      const history = new HistoryStore(this.ownTablePath(this.historyTable), dialect);
      const startHeads = await this.readHeads(queryRunner);
      const steps = plan(graph, startHeads);
      // Asked before our tables are made: on a database no revision ever ran on, a failure may come from tables made without us.
      const neverMigrated = steps.length > 0 && startHeads.length === 0 && !(await history.hasRows(queryRunner));
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
      // A script says above each op what it will lock, for whoever reviews and runs it.
      const lockComments = sink instanceof OfflineSink ? await onUse<typeof import('./lock-report')>('./lock-report').lockComments(this.dataSource, dialect, this.settings.largeTableRows) : undefined;
      const onOp = (op: Op, step: Step) => {
        if (lockComments && sink instanceof OfflineSink) lockComments(op).forEach((line) => sink.comment(line));
        options.onOp?.(op, step.revision.id);
      };
      const heads = await runSteps(
        { graph, dataSource: this.dataSource, queryRunner, dialect, sink, versions, history, neverMigrated, transactionMode: this.settings.transactionMode, cwd: this.cwd, onStep, onOp,
          lockWait: { timeoutMs: this.settings.ddlLockTimeout, retries: this.settings.ddlRetries }, onRetry: options.onRetry,
          online: this.settings.online, onWarning: options.onWarning },
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

  /**
   * Where nothing of ours exists yet (no SQLite file, no version table), work out the command once
   * before taking the lock: a target refused there (no such revision, `-1` at base) must not leave
   * a database file or a lock table behind. `decide` throws to refuse; the run decides again under
   * the lock, where another process may have moved the database on meanwhile.
   */
  private async refuseOnFreshDatabase(options: RunOptions, decide: (heads: string[]) => unknown): Promise<void> {
    if (options.sql) return; // takes no lock and writes nothing
    const fresh = databaseFileMissing(this.dataSource, this.dialect()) || !(await this.withRunner((qr) => this.versionStore().exists(qr)));
    if (fresh) decide([]);
  }

  private versionStore(): VersionStore {
    return new VersionStore(this.ownTablePath(this.versionTable), this.dialect());
  }

  private historyStore(): HistoryStore {
    return new HistoryStore(this.ownTablePath(this.historyTable), this.dialect());
  }

  /** The version table's rows as they are (unknown revisions kept) and the history's checksums. */
  private readRecorded(): Promise<RecordedState> {
    return this.withRunner(async (queryRunner) => {
      const versions = this.versionStore();
      const versionTable = await versions.exists(queryRunner);
      const heads = versionTable ? await versions.readHeads(queryRunner) : [];
      assertNoAncestorRecorded(this.graph(), heads, this.versionTable);
      return {
        versionTable,
        heads,
        checksums: await this.historyStore().appliedChecksums(queryRunner),
      };
    });
  }

  private async readHeads(queryRunner: QueryRunner): Promise<string[]> {
    const heads = await this.versionStore().readHeads(queryRunner);
    const graph = this.graph();
    for (const head of heads) {
      if (!graph.has(head)) {
        const squash = graph.all().find((r) => r.squashes?.includes(head));
        if (squash) {
          const dir = onUse<typeof import('./squash')>('./squash').squashedDir(this.migrationsDir);
          const where = existsSync(dir) ? `${displayPath(dir, this.cwd)}/` : `deleted by squash --delete: take them from version control`;
          throw new StateError(
            'SQUASHED_REVISION',
            `The database is at ${head}, which squash ${squash.id} replaced: upgrade it with the pre-squash revisions (${where}) first`,
          );
        }
        throw new RevisionGraphError(
          'UNKNOWN_REVISION',
          `The database is at revision ${head} (table ${this.versionTable}), but no file in ${graph.show(this.versionsDir)} has that revision`,
        );
      }
    }
    assertNoAncestorRecorded(graph, heads, this.versionTable);
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
    // Revisions alter tables TypeORM loads first; an adopted database may have no typeorm_metadata.
    tolerateMissingMetadataTable(queryRunner);
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
        : withMigrationLock(queryRunner, this.dialect(), this.lockName, this.settings.lockTimeout, () => fn(queryRunner)),
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
 * A module of the commands that write or adopt revisions (baseline, squash, import-typeorm) or
 * report (status), loaded when one is used: an app that calls `upgrade('head')` at startup loads none.
 */
function onUse<T>(path: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as T;
}

/**
 * Create a migrator (see `CreateMigratorOptions`); nothing connects until a method needs the
 * database. The settings are checked first; then `envFile` is loaded and a `dataSource` function runs.
 */
export async function createMigrator(options: CreateMigratorOptions): Promise<Migrator> {
  const settings = settingsFromCode(options, 'createMigrator()');
  if (options.envFile !== undefined) {
    loadEnvFile(resolve(settings.cwd, options.envFile), process.env, 'createMigrator({ envFile })', settings.cwd);
  }
  let dataSource: unknown = options.dataSource;
  if (!isDataSource(dataSource) && (typeof dataSource === 'function' || isPromise(dataSource))) {
    dataSource = await dataSourceFromValue(dataSource, 'createMigrator({ dataSource })');
  }
  return new Migrator(settings, toDataSource(dataSource));
}

/** A DataSource as given, or made from its options; a function or Promise is createMigrator's to resolve. */
function toDataSource(value: unknown): DataSource {
  if (typeof value === 'function' || (isPromise(value) && !isDataSource(value))) {
    throw new EntityMigrateError('CONFIG_INVALID', 'new Migrator() takes a DataSource or its options; use createMigrator() for a function or Promise');
  }
  return value instanceof DataSource ? value : new DataSource(value as DataSourceOptions);
}
