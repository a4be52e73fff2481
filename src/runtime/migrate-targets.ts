/**
 * The programmatic side of `--all-targets`: one migrator per target (tenant schema, shard), the
 * same work on each, at most `concurrency` at a time, each closed after its work.
 *
 * ```ts
 * const outcomes = await migrateTargets({ dataSource, migrationsDir, targets: tenants }, (m) => m.upgrade('head'));
 * const failed = outcomes.filter((o) => !o.ok);
 * ```
 */
import { isDataSource, isPromise } from '../values';
import { dataSourceFromValue } from '../load/data-source-export';
import { listTargets, selectTargets, type Target, type TargetsInput } from '../config/targets';
import { checkConcurrency, DEFAULT_TARGET_CONCURRENCY, forEachTarget, type TargetOutcome } from './for-each-target';
import { createMigrator, type CreateMigratorOptions, type Migrator } from './migrator';

export interface MigrateTargetsOptions extends Omit<CreateMigratorOptions, 'target'> {
  /** A list, or a function (sync or async) returning one, of `{ name, url?, schema? }`. */
  targets: TargetsInput;
  /** The names to run on, in the targets' order (default: every target). An unknown name is refused before any connection. */
  only?: readonly string[];
  /** How many targets run at once (default 4). */
  concurrency?: number;
}

/**
 * `work(migrator, target)` on every target. Everything is checked before any database is touched
 * (the list, names, each target's options); one target's failure does not stop the others, and
 * the outcomes, in the targets' order, say what each did.
 */
export async function migrateTargets<T>(
  options: MigrateTargetsOptions,
  work: (migrator: Migrator, target: Target) => Promise<T>,
): Promise<TargetOutcome<T>[]> {
  const where = 'migrateTargets()';
  const concurrency = checkConcurrency(options.concurrency ?? DEFAULT_TARGET_CONCURRENCY, `${where}: "concurrency"`);
  const all = await listTargets(options.targets, where);
  const targets = options.only ? selectTargets(all, { all: false, names: options.only }, where) : all;
  const { targets: _targets, only: _only, concurrency: _concurrency, ...migratorOptions } = options;
  // A factory runs once; each target gets its own DataSource made from what it gave.
  let dataSource: CreateMigratorOptions['dataSource'] = migratorOptions.dataSource;
  if (!isDataSource(dataSource) && (typeof dataSource === 'function' || isPromise(dataSource))) {
    dataSource = (await dataSourceFromValue(dataSource, `${where}: "dataSource"`)) as CreateMigratorOptions['dataSource'];
  }
  const migrators = new Map<string, Migrator>();
  for (const target of targets) migrators.set(target.name, await createMigrator({ ...migratorOptions, dataSource, target }));
  return forEachTarget(targets, concurrency, async (target) => {
    const migrator = migrators.get(target.name)!;
    try {
      return await work(migrator, target);
    } finally {
      await migrator.close();
    }
  });
}
