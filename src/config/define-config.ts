import type { EntityMigrateConfig } from './types';

/** Identity, for editor completion in `entity-migrate.config.ts`: `export default defineConfig({…})`. */
export function defineConfig<T extends EntityMigrateConfig | (() => EntityMigrateConfig | Promise<EntityMigrateConfig>)>(config: T): T {
  return config;
}
