/**
 * The shop's DataSource, from the environment (see .env.example): PostgreSQL by default,
 * SQLite (`better-sqlite3`, or `sqlite` on TypeORM 0.3) or MariaDB.
 */
import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { DATABASE_URL, DB_TYPE, SQLITE_PATH } from './config/env';
import * as entities from './entities';
import { SnakeNamingStrategy } from './naming-strategy';

const common = {
  // The barrel, not a glob: it loads every entity module in one order, parents before children.
  entities: Object.values(entities as Record<string, unknown>).filter((value): value is Function => typeof value === 'function'),
  namingStrategy: new SnakeNamingStrategy(),
  synchronize: false,
  logging: ['error'],
} satisfies Partial<DataSourceOptions>;

function options(): DataSourceOptions {
  switch (DB_TYPE) {
    case 'postgres':
      return { ...common, type: 'postgres', url: DATABASE_URL, applicationName: 'shop' } as DataSourceOptions;
    case 'mariadb':
      return { ...common, type: 'mariadb', url: DATABASE_URL, charset: 'utf8mb4_unicode_ci' } as DataSourceOptions;
    case 'better-sqlite3':
      return { ...common, type: 'better-sqlite3', database: SQLITE_PATH } as DataSourceOptions;
    case 'sqlite':
      // TypeORM 0.3.x only: 1.x dropped the sqlite3 driver.
      return { ...common, type: 'sqlite', database: SQLITE_PATH } as unknown as DataSourceOptions;
  }
}

export const AppDataSource = new DataSource(options());
