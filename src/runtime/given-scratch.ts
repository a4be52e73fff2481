/**
 * `verify --scratch-url URL`: a database the user provides for verify, on a server where they may
 * not create databases. Used as given (the data source's options with its connection replaced),
 * refused unless empty, and emptied again at the end; never dropped.
 */
import { DataSource, type DataSourceOptions } from 'typeorm';
import { CONNECTION_KEYS } from '../config/connection-settings';
import { parseDatabaseUrl } from '../config/database-url';
import { maskUrl } from '../config/mask-url';
import { dialectForType, type Dialect, type ScratchDatabase } from '../dialects';
import { ConfigError, EntityMigrateError } from '../errors';
import { initializeDataSource } from '../load/data-source';

export async function givenScratchDatabase(dataSource: DataSource, dialect: Dialect, url: string, cwd: string): Promise<ScratchDatabase> {
  const shown = maskUrl(url);
  const target = parseDatabaseUrl(url, cwd, '--scratch-url');
  if (dialectForType(target.type) !== dialect) {
    throw new ConfigError('CONFIG_INVALID', `--scratch-url ${shown}: a ${target.type} database, but the data source is ${String(dataSource.options.type)}; verify needs one of the same kind`);
  }
  const options: Record<string, unknown> = { ...dataSource.options };
  for (const key of CONNECTION_KEYS) delete options[key];
  // The data source's own driver type (mariadb, sqlite3) with the URL's connection.
  const scratchOptions = { ...options, ...target, type: dataSource.options.type } as DataSourceOptions;
  // A connection of our own for the emptiness check and the clean-up: no entities to build.
  const admin = await initializeDataSource(new DataSource({ ...scratchOptions, entities: [], subscribers: [], migrations: [] } as DataSourceOptions));
  const runner = admin.createQueryRunner();
  let contents: string[];
  try {
    contents = await dialect.givenScratch.contents(runner);
  } finally {
    await runner.release();
  }
  if (contents.length > 0) {
    await admin.destroy();
    const more = contents.length > 5 ? `, and ${contents.length - 5} more` : '';
    throw new EntityMigrateError(
      'VERIFY_FAILED',
      `verify: --scratch-url ${shown} is not empty (${contents.slice(0, 5).join(', ')}${more}); verify needs an empty database, which it empties again afterwards`,
    );
  }
  return {
    options: scratchOptions,
    description: shown,
    drop: async () => {
      const cleaner = admin.createQueryRunner();
      try {
        await dialect.givenScratch.clear(cleaner);
      } finally {
        await cleaner.release();
        await admin.destroy();
      }
    },
  };
}
