/**
 * The one place that says how this app reaches its database. Used twice:
 *
 * - by the Nest app (`DatabaseModule`), through `TypeOrmModule.forRootAsync` with the
 *   `ConfigService`, where entities come from each feature module's `TypeOrmModule.forFeature()`
 *   (`autoLoadEntities`);
 * - by the migration CLI (`entity-migrate.config.ts` names this file as its `dataSource`), which
 *   calls the default export with no arguments: settings then come from `process.env`, which
 *   entity-migrate fills from `.env`, and entities from `ENTITY_FILES`.
 */
import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

/**
 * Every entity file of the app, for code that runs outside Nest. Matches `src/**\/*.entity.ts` when
 * loaded from the sources and `dist/**\/*.entity.js` after `nest build`. Naming every entity file
 * `*.entity.ts` is the Nest convention this relies on.
 */
export const ENTITY_FILES = join(__dirname, '..', '**', '*.entity.{ts,js}');

/** Anything with `get(key)`: Nest's `ConfigService`, or the environment. */
export interface Settings {
  get(key: string): string | undefined;
}

const fromEnv: Settings = { get: (key) => process.env[key] };

export function typeOrmOptions(settings: Settings = fromEnv): DataSourceOptions {
  const required = (key: string): string => {
    const value = settings.get(key);
    if (value === undefined || value === '') throw new Error(`${key} is not set (see .env.example)`);
    return value;
  };
  return {
    type: 'postgres',
    host: required('DB_HOST'),
    port: Number(settings.get('DB_PORT') ?? 5432),
    username: required('DB_USER'),
    password: settings.get('DB_PASSWORD') ?? '',
    database: required('DB_NAME'),
    entities: [ENTITY_FILES],
    // The schema changes only through revision files (entity-migrate), never on startup.
    synchronize: false,
    migrationsRun: false,
    applicationName: 'nest-tracker',
  };
}

export default typeOrmOptions;
