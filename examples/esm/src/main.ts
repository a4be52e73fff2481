/**
 * The app's entry point, compiled to dist/src/main.js: upgrade the database to the newest
 * revision, then use it.
 */
import { fileURLToPath } from 'node:url';
import { createMigrator } from 'typeorm-entity-migrate';
import { AppDataSource } from './data-source.js';
import { Book } from './entities/index.js';

const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

await AppDataSource.initialize();
try {
  const migrator = await createMigrator({ dataSource: AppDataSource, migrationsDir });
  const { steps, heads } = await migrator.upgrade('head');
  await migrator.close();
  const books = await AppDataSource.getRepository(Book).find({ relations: { author: true, publisher: true } });
  console.log(JSON.stringify({ event: 'ready', applied: steps.map((s) => s.revision), heads, books: books.length }));
} finally {
  await AppDataSource.destroy();
}
