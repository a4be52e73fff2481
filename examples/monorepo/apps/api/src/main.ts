/**
 * The API's startup: bring the database to the newest revision of @acme/db's migrations, then
 * serve. (The HTTP part is left out of this example.)
 */
import { dirname, join } from 'node:path';
import { createMigrator } from 'typeorm-entity-migrate';
import { dataSource } from '@acme/db/data-source';
import { ordersOf } from './orders';

const migrationsDir = join(dirname(require.resolve('@acme/db/package.json')), 'migrations');

export async function start(): Promise<void> {
  await dataSource.initialize();
  const migrator = await createMigrator({ dataSource, migrationsDir });
  await migrator.upgrade('head');
  await migrator.close();
  console.log(await ordersOf(dataSource, process.argv[2] ?? 'someone@example.com'));
}
