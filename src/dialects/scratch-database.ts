/**
 * A throwaway database beside the real one, for `verify`. Each dialect makes its own
 * (`Dialect.createScratchDatabase`); the servers share `serverScratchDatabase`. A database the
 * user gives instead (`--scratch-url`) is emptied again by the dialect's `GivenScratch`.
 */
import { randomBytes } from 'node:crypto';
import type { DataSource, DataSourceOptions, QueryRunner } from 'typeorm';
import { withDatabase } from '../typeorm-internals';

export interface ScratchDatabase {
  /** The real data source's options (entities included), pointed at the scratch database. */
  options: DataSourceOptions;
  /** Where it is, for messages. */
  description: string;
  /**
   * Remove it (or, for a given database, everything in it), ending its other sessions first: a
   * revision stuck in a query when verify is interrupted must not keep it alive.
   */
  drop(): Promise<void>;
}

/**
 * What verify needs of a database it was given rather than made: `contents` names what it holds
 * (verify refuses one that is not empty), `clear` removes everything in it again, after ending
 * this user's other sessions on it. Both on one connection (`clear` may set session options).
 */
export interface GivenScratch {
  contents(queryRunner: QueryRunner): Promise<string[]>;
  clear(queryRunner: QueryRunner): Promise<void>;
}

/**
 * A new database on the same server (PostgreSQL, MySQL), made and dropped through the user's own
 * connection: `quote` spells the name, `drop` removes it, sessions on it included.
 */
export async function serverScratchDatabase(
  dataSource: DataSource,
  quote: (name: string) => string,
  drop: (dataSource: DataSource, name: string, quoted: string) => Promise<void>,
): Promise<ScratchDatabase> {
  const name = `entity_migrate_verify_${randomBytes(5).toString('hex')}`;
  // TypeORM connects through `url` only when it is non-empty (`url: process.env.DATABASE_URL` with
  // `DATABASE_URL=` in .env falls back to host/port/database), so an empty one is left alone.
  // Worked out before CREATE DATABASE, so a failure here leaves no scratch database behind.
  const url = 'url' in dataSource.options ? dataSource.options.url : undefined;
  let scratchUrl: string | undefined;
  if (typeof url === 'string' && url !== '') {
    const parsed = new URL(url);
    parsed.pathname = `/${name}`;
    scratchUrl = parsed.toString();
  }
  const options = withDatabase(dataSource.options, name, scratchUrl);
  await dataSource.query(`CREATE DATABASE ${quote(name)}`);
  return {
    options,
    description: name,
    drop: () => drop(dataSource, name, quote(name)),
  };
}
