/**
 * Run from this folder (`npx entity-migrate …`) or from the repository root
 * (`npx entity-migrate -c packages/db/entity-migrate.config.ts …`, `npm run db -- …`): paths here
 * are relative to this file either way.
 */
import { defineConfig } from 'typeorm-entity-migrate';

export default defineConfig({
  dataSource: './src/data-source.ts',
  migrationsDir: 'migrations',
  envFile: '../../.env', // one .env for the whole repository
});
