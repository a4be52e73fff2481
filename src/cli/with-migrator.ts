import { loadConfig } from '../load/read-config';
import { ConfigError } from '../errors';
import type { ResolvedConfig } from '../config/types';
import { createDataSource } from '../load/data-source';
import { Migrator } from '../runtime/migrator';
import type { GlobalOptions } from './global-options';
import type { CliIo } from './io';

export interface MigratorNeeds {
  /**
   * Load the entity files. Autogenerate needs them; so do upgrade/downgrade, whose revisions may
   * use repositories. Listing commands skip them to start fast.
   */
  entities: boolean;
}

/** Load the config, build the migrator, run `fn`, and always close the connection. */
export async function withMigrator<T>(
  argv: GlobalOptions,
  io: CliIo,
  needs: MigratorNeeds,
  fn: (migrator: Migrator, config: ResolvedConfig) => Promise<T>,
): Promise<T> {
  const lockTimeoutSeconds = argv['lock-timeout'];
  if (lockTimeoutSeconds !== undefined && !(Number.isFinite(lockTimeoutSeconds) && lockTimeoutSeconds >= 0)) {
    throw new ConfigError('CONFIG_INVALID', '--lock-timeout takes a number of seconds >= 0');
  }
  const config = await loadConfig({ configPath: argv.config, cwd: io.cwd, url: argv.url, env: io.env, envFile: argv['env-file'] });
  const onWarning = (message: string) => io.stderr(`${io.color.yellow('warning:')} ${message}`);
  const dataSource = await createDataSource(config, { verbose: argv.verbose, entities: needs.entities, onWarning });
  const migrator = new Migrator({
    dataSource,
    migrationsDir: config.migrationsDir,
    versionTable: config.versionTable,
    historyTable: config.historyTable,
    transactionMode: config.transactionMode,
    lockTimeout: lockTimeoutSeconds !== undefined ? lockTimeoutSeconds * 1000 : config.lockTimeout,
    cwd: io.cwd,
    configFile: config.configFile,
    include: config.include,
    exclude: config.exclude,
  });
  try {
    return await fn(migrator, config);
  } finally {
    await migrator.close();
  }
}
