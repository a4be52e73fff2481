import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type DataSourceOptions, type QueryRunner } from 'typeorm';
import { loadEnvFile } from '../config/env-file';
import { onTarget } from '../config/target-connection';
import { listTargets, type Target } from '../config/targets';
import { DEFAULTS, settingsFromCode } from '../config/settings';
import type { CodeSettings, DataSourceInput, ResolvedSettings, TablePatterns } from '../config/types';
import { isDataSource, isPromise } from '../values';
import { displayPath } from '../display-path';
import { dataSourceFromValue } from '../load/data-source-export';
import { assertHasEntities } from '../load/entity-source';
import { dialectFor, type Dialect } from '../dialects';
import { ConfigError, ConnectionError, EntityMigrateError, RevisionGraphError, StateError } from '../errors';
import { initializeDataSource } from '../load/data-source';
import { detachedQueryRunner, tolerateMissingMetadataTable } from '../typeorm-internals';
import { knownTables } from '../ops/table-cache';
import { inDataSourceSchema } from '../ops/table-path';
import { loadRevisions } from '../script/load-revisions';
import { planDowngrade, planUpgrade, resolveRevisionExpression, singleHead, type Step } from '../script/plan';
import { placeNewRevision, stampedHeads, type NewRevisionPlace } from '../script/branches';
import { isRange, planScriptRange, planStampRange, rangeWithoutSql, type ScriptRange } from '../script/script-range';
import type { Revision } from '../script/revision';
import { historyRange } from '../script/history-range';
import { RevisionGraph } from '../script/revision-graph';
import { writeRevision, type NewRevision } from '../script/write-revision';
import { runSteps, type RunEnvironment } from './run-steps';
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
  /**
   * Run on this target instead of the data source as it is: its `url` replaces the connection
   * (a relative SQLite path starts at `cwd`), its `schema` sets the PostgreSQL schema, where the
   * version table, history and lock then live too. A new DataSource is made for it (an app's
   * initialized one is not changed); `close()` destroys it.
   */
  target?: Target;
}

/** One revision run (or printed, with `sql`). */
export interface StepReport {
  revision: string;
  direction: 'up' | 'down';
  downRevisions: string[];
  message: string;
  file: string;
  durationMs: number;
  /** Its place in the run: 1 for the first revision run, up to `of`. */
  position: number;
  /** How many revisions the run has. */
  of: number;
}

export interface RunResult {
  /** Revisions run, in order. */
  steps: StepReport[];
  /** Heads recorded in the version table when the run began (under the lock; without it when there was nothing to do). */
  from: string[];
  /** Heads recorded in the version table afterwards. */
  heads: string[];
  /** With `sql: true`: the script that would have run. */
  sql?: string;
  /**
   * With `sql: true`, where the script starts when the database did not say: the START of a range,
   * or base because the database could not be read (`unreadable`, why). Absent: read from the database.
   */
  scriptStart?: { heads: string[]; from: 'range' | 'unreadable'; reason?: string };
}

export interface RunOptions {
  /**
   * Print the SQL instead of running it. With a range target (`START:END`) nothing connects: the
   * script starts at START. Without one the database, when it answers, says where the script starts
   * (and is only read); when it does not, an upgrade script starts at base (`scriptStart` says so).
   */
  sql?: boolean;
  /** Called as each revision commits, e.g. to print progress (with transactionMode 'all', once the run commits). */
  onStep?: (step: StepReport) => void;
  /** Called with each op a revision calls (and the revision's id), before it runs. */
  onOp?: (op: Op, revision: string) => void;
  /** Called when a revision waited longer than `ddlLockTimeout` for a lock, was rolled back, and will be tried again. */
  onRetry?: (retry: LockRetry) => void;
  /** Handed to each revision as `context.args` (the CLI's `-x key=value`). */
  args?: Readonly<Record<string, string>>;
  /** Stored in the history row of each revision the run applies or undoes (the CLI's `--tag`). */
  tag?: string;
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
  /** The branch labels whose branch it is on (declared by it or by a revision of its line). */
  branchLabels: string[];
  /** Revisions of other branches it needs applied first (its `dependsOn`, labels resolved). */
  dependsOn: string[];
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

  /** Every folder revision files are read from: `versionsDir`, then `versionLocations`. */
  get versionFolders(): string[] {
    return [...new Set([this.settings.versionsDir, ...this.settings.versionLocations])];
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
      this.cachedGraph = RevisionGraph.build(this.versionFolders.flatMap((dir) => loadRevisions(dir, this.cwd)), this.cwd);
    }
    return this.cachedGraph;
  }

  /**
   * A missing versions folder is an error, not "no revisions": an app started from another folder
   * would otherwise see an empty chain (and autogenerate would start one from base).
   */
  private assertVersionsDir(): void {
    const { configFile, cwd } = this.settings;
    for (const dir of this.settings.versionLocations) {
      if (existsSync(dir) && statSync(dir).isDirectory()) continue;
      const from = configFile ? `versionLocations of ${displayPath(configFile, cwd)}, relative to its folder` : `versionLocations, relative to ${cwd}`;
      throw new ConfigError('VERSIONS_NOT_FOUND', `version folder ${dir} does not exist (${from}); create it or remove it from versionLocations`);
    }
    if (existsSync(this.versionsDir) && statSync(this.versionsDir).isDirectory()) return;
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
   * may be empty, and `current`, `head`, `base`, `REV±N` and `-N`/`+N` (from the current revision)
   * are understood (script/history-range.ts). The current revision is marked when the database
   * answers; with `indicateCurrent` it must answer.
   */
  async history(range?: string, options: { indicateCurrent?: boolean } = {}): Promise<RevisionInfo[]> {
    const graph = this.graph();
    const current = options.indicateCurrent ? await this.withRunner((qr) => this.readHeads(qr)) : await this.currentHeadsIfReachable();
    const picked = range === undefined ? undefined : historyRange(graph, range, current);
    return graph
      .all()
      .filter((r) => !picked || picked.has(r.id))
      .reverse()
      .map((r) => this.describe(r, new Set(current)));
  }

  /** Revisions two or more revisions build on (Alembic's branch points), oldest first, with those children. */
  branchPoints(): { revision: RevisionInfo; children: RevisionInfo[] }[] {
    const graph = this.graph();
    return graph
      .all()
      .filter((r) => graph.children(r.id).length > 1)
      .map((r) => ({ revision: this.describe(r, new Set()), children: graph.children(r.id).sort((a, b) => (a.id < b.id ? -1 : 1)).map((c) => this.describe(c, new Set())) }));
  }

  show(idOrPrefix: string): RevisionInfo {
    return this.describe(this.graph().resolve(idOrPrefix), new Set());
  }

  /**
   * `show`'s argument: a revision (id or unique prefix), `head`, `heads`, `LABEL@head`, `REV+N`,
   * `base` (the first revision), or `current` (what the database records; none at base).
   */
  async showSymbolic(name: string): Promise<RevisionInfo[]> {
    const graph = this.graph();
    if (name === 'current') {
      const current = await this.withRunner((qr) => this.readHeads(qr));
      if (current.length === 0) throw new RevisionGraphError('INVALID_TARGET', 'The database is at base: no revision applied, so there is no current revision to show');
      return current.map((id) => this.describe(graph.get(id), new Set(current)));
    }
    if (name === 'base') return graph.bases().map((r) => this.describe(r, new Set()));
    // head, heads, LABEL@head, REV@head, head-1, REV+2, a branch label, an id or prefix.
    return resolveRevisionExpression(graph, name, []).map((id) => this.show(id));
  }

  /** The heads recorded in the database's version table. */
  async current(): Promise<RevisionInfo[]> {
    const heads = await this.withRunner((qr) => this.readHeads(qr));
    return heads.map((h) => this.describe(this.graph().get(h), new Set()));
  }

  async upgrade(target = 'head', options: RunOptions = {}): Promise<RunResult> {
    if (options.sql) return this.script('upgrade', target, options);
    if (isRange(target)) throw rangeWithoutSql('upgrade', target);
    return this.run(options, (graph, heads) => planUpgrade(graph, heads, target));
  }

  async downgrade(target: string, options: RunOptions = {}): Promise<RunResult> {
    if (options.sql) return this.script('downgrade', target, options);
    if (isRange(target)) throw rangeWithoutSql('downgrade', target);
    return this.run(options, (graph, heads) => planDowngrade(graph, heads, target));
  }

  /**
   * `--sql`: a range is written with no connection at all (Alembic's offline mode). A bare target
   * starts where the database stands when it answers, as a script for that database; when it cannot
   * be reached (or its SQLite file does not exist), an upgrade starts at base, and a downgrade,
   * which has nothing to start from, asks for the range.
   */
  private async script(command: 'upgrade' | 'downgrade', target: string, options: RunOptions): Promise<RunResult> {
    const graph = this.graph();
    if (isRange(target)) return this.detachedScript(planScriptRange(graph, command, target), options, 'range');
    const unreadable = await this.whyUnreadable();
    if (unreadable === undefined) {
      return this.run(options, (g, heads) => (command === 'upgrade' ? planUpgrade(g, heads, target) : planDowngrade(g, heads, target)));
    }
    if (command === 'downgrade') {
      throw new ConnectionError(
        'CONNECTION_FAILED',
        `downgrade ${target} --sql starts where the database stands, which it could not read (${unreadable}): write the range, e.g. 'downgrade head:${target} --sql'`,
      );
    }
    return this.detachedScript(planScriptRange(graph, command, `base:${target}`, target), options, 'unreadable', unreadable);
  }

  /** Why the database cannot say which revision it is at, or undefined when it can (connected then). */
  private async whyUnreadable(): Promise<string | undefined> {
    if (databaseFileMissing(this.dataSource, this.dialect())) return `its file ${String((this.dataSource.options as { database?: unknown }).database)} does not exist`;
    try {
      await this.connect();
      return undefined;
    } catch (error) {
      if (error instanceof ConnectionError) return error.message;
      throw error;
    }
  }

  /**
   * The script of `range` written on a runner with no connection (typeorm-internals/detached-runner.ts).
   * The revisions before START run first, their statements discarded, so that the runner knows the
   * tables they made: ops then take a table's columns from there, as TypeORM would from the catalog.
   */
  private async detachedScript(range: ScriptRange, options: RunOptions, from: 'range' | 'unreadable', reason?: string): Promise<RunResult> {
    const dialect = this.dialect();
    const queryRunner = detachedQueryRunner(this.dataSource, dialect.offlineScript.driverState(this.dataSource));
    dialect.offlineScript.detach?.(queryRunner);
    const sink = new OfflineSink(queryRunner, dialect);
    const env = this.runEnvironment(queryRunner, sink, false, options);
    await sink.discard(() => runSteps(env, range.replay, []));
    if (range.steps.length > 0) {
      await env.versions.ensureTable(sink);
      await env.history.ensureTable(sink);
    }
    const existing = knownTables(queryRunner);
    const lockComments = onUse<typeof import('./lock-report')>('./lock-report').scriptLockComments(dialect, existing, new Map(), this.settings.largeTableRows);
    const reporter = this.reporter(options, sink, lockComments, range.steps.length);
    const heads = await runSteps({ ...env, ...reporter.hooks }, range.steps, range.start);
    return { steps: reporter.reports, from: range.start, heads, sql: sink.statements.join('\n'), scriptStart: { heads: range.start, from, ...(reason !== undefined && { reason }) } };
  }

  private runEnvironment(queryRunner: QueryRunner, sink: LiveSink | OfflineSink, neverMigrated: boolean, run: Pick<RunOptions, 'args' | 'tag' | 'onWarning'> = {}): RunEnvironment {
    return {
      graph: this.graph(), dataSource: this.dataSource, queryRunner, dialect: this.dialect(), sink, versions: this.versionStore(), history: this.historyStore(), neverMigrated,
      transactionMode: this.settings.transactionMode, cwd: this.cwd, lockWait: { timeoutMs: this.settings.ddlLockTimeout, retries: this.settings.ddlRetries },
      online: this.settings.online, args: run.args, tag: run.tag, onWarning: run.onWarning,
    };
  }

  /** The run's step reports and the hooks that fill them (and, in a script, write each op's lock comments). */
  private reporter(options: RunOptions, sink: LiveSink | OfflineSink, lockComments: ((op: Op) => string[]) | undefined, stepCount: number): { reports: StepReport[]; hooks: Pick<RunEnvironment, 'onStep' | 'onOp' | 'onRetry'> } {
    const reports: StepReport[] = [];
    const onStep = (step: Step, durationMs: number) => {
      const report: StepReport = {
        revision: step.revision.id,
        direction: step.direction,
        downRevisions: [...step.revision.downRevisions],
        message: step.revision.message,
        file: step.revision.file,
        durationMs,
        position: reports.length + 1,
        of: stepCount,
      };
      reports.push(report);
      options.onStep?.(report);
    };
    const onOp = (op: Op, step: Step) => {
      if (lockComments && sink instanceof OfflineSink) lockComments(op).forEach((line) => sink.comment(line));
      options.onOp?.(op, step.revision.id);
    };
    return { reports, hooks: { onStep, onOp, onRetry: options.onRetry } };
  }

  /** Record `target` as the current revision without running anything. */
  async stamp(target: string, options: StampOptions = {}): Promise<RunResult> {
    const graph = this.graph();
    if (options.sql) {
      // As Alembic: `stamp START:END --sql` connects to nothing; a plain target asks the database
      // where it stands, and when it cannot answer the script starts at base (said on stderr).
      if (isRange(target)) {
        const { start, end } = planStampRange(graph, target);
        return this.detachedStamp(start, end, 'range');
      }
      const unreadable = await this.whyUnreadable();
      if (unreadable !== undefined) return this.detachedStamp([], target, 'unreadable', unreadable);
    }
    if (isRange(target)) throw rangeWithoutSql('stamp', target);
    await this.refuseOnFreshDatabase(options, (heads) => resolveRevisionExpression(graph, target, heads));
    return this.withLockedRunner(options, async (qr) => {
      const dialect = this.dialect();
      const sink = options.sql ? new OfflineSink(qr, dialect) : new LiveSink(qr, dialect);
      const versions = this.versionStore();
      // Unvalidated: stamping is how a database recorded at a revision no file has is put right.
      const before = await versions.readHeads(qr);
      if (!options.purge) assertNoAncestorRecorded(graph, before, this.versionTable);
      options.verifyRecorded?.(before);
      const known = options.purge ? [] : before.filter((h) => graph.has(h));
      const next = stampedHeads(graph, known, resolveRevisionExpression(graph, target, known));
      await versions.ensureTable(sink);
      await versions.write(sink, before, next);
      return { steps: [], from: before, heads: next, sql: sink instanceof OfflineSink ? sink.statements.join('\n') : undefined };
    });
  }

  /** `stamp --sql` with no database to ask: the statements that move the version table from `before` to `target`. */
  private async detachedStamp(before: string[], target: string, from: 'range' | 'unreadable', reason?: string): Promise<RunResult> {
    const graph = this.graph();
    const next = stampedHeads(graph, before, resolveRevisionExpression(graph, target, before));
    const dialect = this.dialect();
    const sink = new OfflineSink(detachedQueryRunner(this.dataSource, dialect.offlineScript.driverState(this.dataSource)), dialect);
    await this.versionStore().ensureTable(sink);
    await this.versionStore().write(sink, before, next);
    return { steps: [], from: before, heads: next, sql: sink.statements.join('\n'), scriptStart: { heads: before, from, ...(reason !== undefined && { reason }) } };
  }

  /**
   * Create the version and history tables where they do not exist, and nothing else (Alembic's
   * `ensure_version`): a database a DBA prepares for a role that may not create tables later.
   * With `sql`, returns the statements instead.
   */
  async ensureVersion(options: Pick<RunOptions, 'sql'> = {}): Promise<{ sql?: string }> {
    return this.withLockedRunner(options, async (qr) => {
      const sink = options.sql ? new OfflineSink(qr, this.dialect()) : new LiveSink(qr, this.dialect());
      await this.versionStore().ensureTable(sink);
      await this.historyStore().ensureTable(sink);
      return { sql: sink instanceof OfflineSink ? sink.statements.join('\n') : undefined };
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
    const currentHeads = (await this.current()).map((r) => r.id);
    // A head another branch's applied revision depends on is applied without a row of its own.
    const applied = this.graph().ancestorsOf(currentHeads);
    const graphHeads = this.heads().map((r) => r.id);
    return autogenerateAgainstHead({ dataSource: this.dataSource, graphHeads, currentHeads, applied, ownTables: this.ownTables(), ...this.tablePatterns, strictNames: this.settings.strictNames, online: this.settings.online }, options);
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
    spec: Omit<NewRevision, 'downRevisions' | 'upgradeBody' | 'downgradeBody' | 'summary'> & NewRevisionPlace & { versionPath?: string } & AutogenerateOptions & DropConsent & { allowEmpty?: boolean },
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

  /**
   * Write a new empty (or templated) revision on top of the head, or of `head` (see
   * `NewRevisionPlace`), into the folder of the revision it builds on unless `versionPath` says.
   */
  createRevision(spec: Omit<NewRevision, 'downRevisions'> & NewRevisionPlace & { downRevisions?: string[]; versionPath?: string }): string {
    const { head, splice, versionPath, downRevisions: _given, ...rest } = spec;
    const graph = this.graph();
    const place = placeNewRevision(graph, { head, splice, branchLabels: spec.branchLabels, dependsOn: spec.dependsOn }, spec.downRevisions);
    const downRevisions = place.downRevisions;
    const folder = versionPath !== undefined ? this.versionFolder(versionPath) : this.folderOf(downRevisions);
    const file = writeRevision(folder, this.migrationsDir, { ...rest, downRevisions, dependsOn: place.dependsOn });
    this.reload();
    return file;
  }

  /** `--version-path DIR`: one of the version folders, or it is refused naming them. */
  private versionFolder(dir: string): string {
    const folder = resolve(this.cwd, dir);
    if (this.versionFolders.includes(folder)) return folder;
    throw new ConfigError(
      'CONFIG_INVALID',
      `--version-path ${dir}: not a version folder (${this.versionFolders.map((f) => displayPath(f, this.cwd)).join(', ')}); add it to versionLocations first`,
    );
  }

  /** A new revision goes beside its first parent; a new base into `versionsDir`. */
  private folderOf(downRevisions: readonly string[]): string {
    const parent = downRevisions[0];
    return parent === undefined ? this.versionsDir : dirname(this.graph().get(parent).file);
  }

  /** A revision whose parents are the given heads, rejoining a divergent graph. */
  merge(revisions: string[], message: string, revId?: string): string {
    const graph = this.graph();
    // Any target names a revision to join: an id or prefix, `heads`, `plugin@head`.
    const ids = [...new Set(revisions.flatMap((r) => resolveRevisionExpression(graph, r, [])))];
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
    if (!options.sql) {
      const nothingToDo = await this.nothingToDoBeforeLock((heads) => plan(graph, heads));
      if (nothingToDo) return nothingToDo;
    }
    return this.withLockedRunner(options, async (queryRunner) => {
      const dialect = this.dialect();
      const sink = options.sql ? new OfflineSink(queryRunner, dialect) : new LiveSink(queryRunner, dialect);
      const { versions, history } = this.runEnvironment(queryRunner, sink, false);
      const startHeads = await this.readHeads(queryRunner);
      const steps = plan(graph, startHeads);
      // Asked before our tables are made: on a database no revision ever ran on, a failure may come from tables made without us.
      const neverMigrated = steps.length > 0 && startHeads.length === 0 && !(await history.hasRows(queryRunner));
      // Only a run that does something creates our tables: a refused target leaves no trace.
      if (steps.length > 0) {
        await versions.ensureTable(sink);
        await history.ensureTable(sink);
      }
      // A script says above each op what it will lock, for whoever reviews and runs it.
      const lockComments = sink instanceof OfflineSink ? await onUse<typeof import('./lock-report')>('./lock-report').lockComments(this.dataSource, dialect, this.settings.largeTableRows) : undefined;
      const reporter = this.reporter(options, sink, lockComments, steps.length);
      const heads = await runSteps({ ...this.runEnvironment(queryRunner, sink, neverMigrated, options), ...reporter.hooks }, steps, startHeads);
      return {
        steps: reporter.reports,
        from: startHeads,
        heads,
        sql: sink instanceof OfflineSink ? sink.statements.join('\n') : undefined,
      };
    });
  }

  /**
   * Every app instance upgrades at every boot, nearly always at head: read the version table once
   * without the lock, and where the plan from what it records is empty, that is the run (nothing
   * locked, nothing written). This is safe because the table changes only in commits: when it
   * records heads with nothing to do, the database is there; a run that holds the lock mid-way shows
   * the heads it has committed so far, which leave work to do, and we take the lock as before. An
   * upgrade with nothing to do changes nothing, so it stands in order before any run still going.
   * Whatever the plan refuses, or a recorded revision no file has, is decided again under the lock,
   * from settled state, with its own error. A fresh database is refused here as before (see
   * `refuseOnFreshDatabase`).
   */
  private async nothingToDoBeforeLock(plan: (heads: string[]) => Step[]): Promise<RunResult | undefined> {
    if (databaseFileMissing(this.dataSource, this.dialect())) {
      plan([]);
      return undefined;
    }
    return this.withRunner(async (queryRunner) => {
      const recorded = await this.versionStore().headsIfExists(queryRunner);
      if (recorded === undefined) {
        plan([]);
        return undefined;
      }
      let steps: Step[];
      try {
        steps = plan(this.validHeads(recorded));
      } catch {
        return undefined;
      }
      return steps.length === 0 ? { steps: [], from: recorded, heads: recorded } : undefined;
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
    return this.validHeads(await this.versionStore().readHeads(queryRunner));
  }

  /** `heads` as the version table records them, each a revision of a file, none an ancestor of another; throws naming the one at fault. */
  private validHeads(heads: string[]): string[] {
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
      branchLabels: graph.labelsOf(r.id),
      dependsOn: [...graph.requires(r.id)].filter((id) => !r.downRevisions.includes(id)),
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
  if (options.target !== undefined) {
    const [target] = await listTargets([options.target], 'createMigrator({ target })');
    const base = isDataSource(dataSource) ? { ...dataSource.options } : { ...(dataSource as Record<string, unknown>) };
    dataSource = onTarget(base, target!, settings.cwd, 'createMigrator({ target })');
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
