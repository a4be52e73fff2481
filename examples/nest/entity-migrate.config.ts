/**
 * entity-migrate for the Nest app: the same TypeORM options the app uses (the factory in
 * src/database/typeorm-options.ts), with the connection settings read from .env.
 */
export default {
  dataSource: './src/database/typeorm-options.ts',
  migrationsDir: 'migrations',
};
