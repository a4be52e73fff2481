/**
 * `--all-targets` / `--target NAME` (issue 13 §4): the same command on each target of the config,
 * `--concurrency` at a time, each with its own DataSource, lock and transactions. Each target's
 * lines are prefixed with its name as they come; a summary table follows (target, from, to, time,
 * result). One failing target does not stop the others; the exit code is 1 and the last line names
 * the failed ones. Without those flags the command runs on the data source as configured.
 */
import { ConfigError } from '../errors';
import { displayPath } from '../display-path';
import { listTargets, selectTargets, type Target } from '../config/targets';
import type { ResolvedConfig } from '../config/types';
import { forEachTarget, type TargetOutcome } from '../runtime/for-each-target';
import type { Migrator } from '../runtime/migrator';
import type { GlobalOptions } from './global-options';
import { formatError, type CliIo } from './io';
import { printTargetSummary, targetsJson, type TargetRow } from './print-targets';
import { targetSelection, type TargetArgs } from './target-options';
import { UsageError } from './usage-error';
import { loadCliConfig, openMigrator, withMigrator, type MigratorNeeds } from './with-migrator';

/** What a command tells the summary about one target as it goes: where it started, where it is, in a word how it went. */
export interface TargetProgress {
  from?: string[];
  to?: string[];
  result?: string;
}

/** A command's work on one migrator; returns its exit code (default 0). */
export type TargetWork = (migrator: Migrator, io: CliIo, progress: TargetProgress) => Promise<number | void>;

type TargetArgv = GlobalOptions & TargetArgs & { json?: boolean; sql?: boolean };

export async function withTargets(argv: TargetArgv, io: CliIo, needs: MigratorNeeds, work: TargetWork): Promise<number> {
  const selection = targetSelection(argv); // the flags are checked before any file is read
  if (!selection) {
    return withMigrator(argv, io, needs, async (migrator, config) => {
      if (config.targets && !argv.quiet && !argv.json && !argv.sql) {
        io.stderr(`note: ${configName(config)} has "targets"; this runs on its data source as configured (--all-targets or --target NAME runs on them)`);
      }
      return (await work(migrator, io, {})) ?? 0;
    });
  }
  const config = await loadCliConfig(argv, io);
  const where = configName(config);
  const flag = selection.all ? '--all-targets' : '--target';
  if (!config.targets) throw new ConfigError('CONFIG_INVALID', `${flag} given, but ${where} has no "targets" (a list of { name, url?, schema? })`);
  const targets = selectTargets(await listTargets(config.targets, where), selection, where);
  if (targets.length === 0) {
    if (!argv.quiet) io.stderr(`No targets: the "targets" of ${where} gave an empty list`);
    return 0;
  }
  if (argv.sql && targets.length > 1) throw new UsageError(`--sql prints one script: pick one target with --target NAME (${targets.length} selected)`);

  // Every target's DataSource is made (nothing connects) before any runs, so a target its driver
  // cannot take is refused before a database is touched; a warning shared by all is printed once.
  const migrators = new Map<string, Migrator>();
  const onceIo = onceWarnings(io);
  for (const target of targets) migrators.set(target.name, await openMigrator({ ...config, target }, argv, onceIo, needs));
  if (argv.sql) return runAlone(migrators.get(targets[0]!.name)!, io, work);

  const progress = new Map<string, TargetProgress>();
  const outputs = new Map<string, string>();
  const outcomes = await forEachTarget(targets, selection.concurrency, async (target) => {
    const migrator = migrators.get(target.name)!;
    const state: TargetProgress = {};
    progress.set(target.name, state);
    const targetIo = argv.json ? bufferedIo(io, target, (text) => outputs.set(target.name, (outputs.get(target.name) ?? '') + text)) : prefixedIo(io, target);
    try {
      return (await work(migrator, targetIo, state)) ?? 0;
    } catch (error) {
      targetIo.stderr(formatError(error, argv.verbose, io.color));
      // Where it stopped: committed revisions stay, and a re-run goes on from there.
      state.to = (await currentIfConnected(migrator)) ?? state.to;
      state.from ??= state.to;
      throw error;
    } finally {
      await migrator.close();
    }
  });

  const rows: TargetRow[] = outcomes.map((outcome) => row(outcome, progress.get(outcome.target.name) ?? {}));
  if (argv.json) io.stdout(JSON.stringify(targetsJson(rows, outputs), null, 2));
  else printTargetSummary(io, rows);
  const failed = rows.filter((r) => r.error !== undefined);
  if (failed.length > 0) {
    io.stderr(
      `${io.color.red('error:')} ${failed.length} of ${rows.length} targets failed: ${failed.map((r) => r.name).join(', ')} (a re-run resumes each where it stopped)`,
    );
    return 1;
  }
  return Math.max(0, ...rows.map((r) => r.code));
}

/**
 * `revision --autogenerate --target NAME`: the command on one target of the config instead of its
 * data source (autogenerate compares the entities with that tenant's schema). Without `name`, the
 * data source as configured, with a note when the config has targets.
 */
export async function withOneTarget<T>(
  argv: GlobalOptions,
  io: CliIo,
  name: string | undefined,
  needs: MigratorNeeds,
  fn: (migrator: Migrator, config: ResolvedConfig) => Promise<T>,
): Promise<T> {
  if (name === undefined) {
    return withMigrator(argv, io, needs, (migrator, config) => {
      if (config.targets && !argv.quiet) {
        io.stderr(`note: ${configName(config)} has "targets"; this compares against its data source as configured (--target NAME compares against one target)`);
      }
      return fn(migrator, config);
    });
  }
  const config = await loadCliConfig(argv, io);
  const where = configName(config);
  if (!config.targets) throw new ConfigError('CONFIG_INVALID', `--target given, but ${where} has no "targets" (a list of { name, url?, schema? })`);
  const [target] = selectTargets(await listTargets(config.targets, where), { all: false, names: [name] }, where);
  const targetConfig = { ...config, target: target! };
  const migrator = await openMigrator(targetConfig, argv, io, needs);
  try {
    return await fn(migrator, targetConfig);
  } finally {
    await migrator.close();
  }
}

function configName(config: ResolvedConfig): string {
  return config.configFile ? displayPath(config.configFile, config.cwd) : 'the config';
}

async function runAlone(migrator: Migrator, io: CliIo, work: TargetWork): Promise<number> {
  try {
    return (await work(migrator, io, {})) ?? 0;
  } finally {
    await migrator.close();
  }
}

function row(outcome: TargetOutcome<number | void>, progress: TargetProgress): TargetRow {
  const base = { name: outcome.target.name, from: progress.from, to: progress.to, durationMs: outcome.durationMs };
  if (outcome.ok) return { ...base, code: outcome.value ?? 0, result: progress.result ?? 'ok' };
  const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
  return { ...base, code: 1, result: 'failed', error: message.split('\n')[0] ?? message };
}

/** The version table's heads after a failure, when the migrator got as far as connecting (never creating a database file). */
async function currentIfConnected(migrator: Migrator): Promise<string[] | undefined> {
  if (!migrator.dataSource.isInitialized) return undefined;
  try {
    return (await migrator.current()).map((r) => r.id);
  } catch {
    return undefined;
  }
}

/** Each line the target's command prints, prefixed with `[name] `, as it comes. */
function prefixedIo(io: CliIo, target: Target): CliIo {
  const prefix = io.color.dim(`[${target.name}] `);
  const prefixed = (write: (text: string) => void) => (text: string) =>
    write(
      text
        .replace(/\n$/, '')
        .split('\n')
        .map((line) => prefix + line)
        .join('\n'),
    );
  return { ...io, stdout: prefixed(io.stdout), stderr: prefixed(io.stderr) };
}

/** With --json: the target's stdout is kept for the one JSON document; its stderr is prefixed. */
function bufferedIo(io: CliIo, target: Target, keep: (text: string) => void): CliIo {
  return { ...prefixedIo(io, target), stdout: (text) => keep(text.endsWith('\n') ? text : `${text}\n`) };
}

/** `io` whose warnings (e.g. an entity glob matching nothing, found once per target) print once. */
function onceWarnings(io: CliIo): CliIo {
  const seen = new Set<string>();
  return {
    ...io,
    stderr: (text) => {
      if (seen.has(text)) return;
      seen.add(text);
      io.stderr(text);
    },
  };
}
