/**
 * entity-migrate for the Nest app: the same TypeORM options the app uses (the factory in
 * src/database/typeorm-options.ts, called with no arguments), with the connection settings read
 * from .env beside this file.
 */
import { defineConfig } from 'typeorm-entity-migrate';

export default defineConfig({
  dataSource: './src/database/typeorm-options.ts',
  migrationsDir: 'migrations',
});
