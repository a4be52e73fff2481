/**
 * A throwaway database beside the real one, for `verify`. Each dialect makes its own
 * (`Dialect.createScratchDatabase`); the servers share `serverScratchDatabase`.
 */
import { randomBytes } from 'node:crypto';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { withDatabase } from '../typeorm-internals';

export interface ScratchDatabase {
  /** The real data source's options (entities included), pointed at the scratch database. */
  options: DataSourceOptions;
  /** Where it is, for messages. */
  description: string;
  drop(): Promise<void>;
}

/**
 * A new database on the same server (PostgreSQL, MySQL), made and dropped through the user's own
 * connection: `quote` spells the name, `dropSql` the statement that removes it.
 */
export async function serverScratchDatabase(
  dataSource: DataSource,
  quote: (name: string) => string,
  dropSql: (quoted: string) => string,
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
    drop: async () => {
      await dataSource.query(dropSql(quote(name)));
    },
  };
}
