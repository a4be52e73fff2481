import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { dialectFor } from '.';
import type { DialectName } from './dialect';

/** A throwaway database beside the real one, for `verify`. */
export interface ScratchDatabase {
  /** The real data source's options (entities included), pointed at the scratch database. */
  options: DataSourceOptions;
  /** Where it is, for messages. */
  description: string;
  drop(): Promise<void>;
}

type ScratchFactory = (dataSource: DataSource) => Promise<ScratchDatabase>;

/**
 * PostgreSQL and MySQL: a new database on the same server, made and dropped through the user's
 * own connection. SQLite: a file in a temporary folder.
 */
const factories: Record<DialectName, ScratchFactory> = {
  postgres: (ds) => serverDatabase(ds, (name) => `"${name}"`, (name) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  mysql: (ds) => serverDatabase(ds, (name) => `\`${name}\``, (name) => `DROP DATABASE IF EXISTS \`${name}\``),
  sqlite: async (ds) => {
    const dir = mkdtempSync(join(tmpdir(), 'entity-migrate-verify-'));
    const file = join(dir, 'scratch.sqlite');
    return {
      options: { ...ds.options, database: file } as DataSourceOptions,
      description: file,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

export function createScratchDatabase(dataSource: DataSource): Promise<ScratchDatabase> {
  return factories[dialectFor(dataSource).name](dataSource);
}

async function serverDatabase(
  dataSource: DataSource,
  quote: (name: string) => string,
  dropSql: (name: string) => string,
): Promise<ScratchDatabase> {
  const name = `entity_migrate_verify_${randomBytes(5).toString('hex')}`;
  const options = { ...dataSource.options } as Record<string, unknown>;
  // TypeORM connects through `url` only when it is non-empty (`url: process.env.DATABASE_URL` with
  // `DATABASE_URL=` in .env falls back to host/port/database), so an empty one is left alone.
  // Worked out before CREATE DATABASE, so a failure here leaves no scratch database behind.
  if (typeof options.url === 'string' && options.url !== '') {
    const url = new URL(options.url);
    url.pathname = `/${name}`;
    options.url = url.toString();
  }
  options.database = name;
  await dataSource.query(`CREATE DATABASE ${quote(name)}`);
  return {
    options: options as unknown as DataSourceOptions,
    description: name,
    drop: async () => {
      await dataSource.query(dropSql(name));
    },
  };
}
