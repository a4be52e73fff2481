import { loadConfig } from '../config/read-config';
import type { ResolvedConfig } from '../config/types';
import { createDataSource } from '../load/data-source';
import { Migrator } from '../runtime/migrator';
import type { GlobalOptions } from './global-options';
import type { CliIo } from './io';

/** Load the config, build the migrator, run `fn`, and always close the connection. */
export async function withMigrator<T>(
  argv: GlobalOptions,
  io: CliIo,
  fn: (migrator: Migrator, config: ResolvedConfig) => Promise<T>,
): Promise<T> {
  const config = await loadConfig({ configPath: argv.config, cwd: io.cwd, url: argv.url, env: io.env });
  const dataSource = await createDataSource(config, { verbose: argv.verbose });
  const migrator = new Migrator({
    dataSource,
    migrationsDir: config.migrationsDir,
    versionTable: config.versionTable,
    transactionMode: config.transactionMode,
    cwd: io.cwd,
  });
  try {
    return await fn(migrator, config);
  } finally {
    await migrator.close();
  }
}
