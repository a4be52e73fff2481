import type { ResolvedConfig } from '../config/types';
import { createDataSource } from '../load/data-source';
import { loadConfig } from '../load/read-config';
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
  const config = await loadCliConfig(argv, io);
  const migrator = await openMigrator(config, argv, io, needs);
  try {
    return await fn(migrator, config);
  } finally {
    await migrator.close();
  }
}

/** The config the global flags point at (`-c`, `--url`, `--env-file`, `--lock-timeout`). */
export function loadCliConfig(argv: GlobalOptions, io: CliIo): Promise<ResolvedConfig> {
  return loadConfig({
    configPath: argv.config,
    cwd: io.cwd,
    url: argv.url,
    env: io.env,
    envFile: argv['env-file'],
    lockTimeoutSeconds: argv['lock-timeout'],
  });
}

/** A migrator on the config's data source (not yet connected); warnings go to `io`'s stderr. */
export async function openMigrator(config: ResolvedConfig, argv: GlobalOptions, io: CliIo, needs: MigratorNeeds): Promise<Migrator> {
  const onWarning = (message: string) => io.stderr(`${io.color.yellow('warning:')} ${message}`);
  const dataSource = await createDataSource(config, { verbose: argv.verbose, entities: needs.entities, onWarning });
  return new Migrator(config, dataSource);
}
