/**
 * Tables that exist in the database but belong to no entity. TypeORM's schema builder never
 * drops tables (synchronize leaves them alone), so autogenerate finds them itself and emits a
 * `dropTable` carrying the full definition, for an exact downgrade.
 *
 * Listing table names is the one dialect-specific query here; MySQL's has moved behind the
 * Dialect interface (`ownTableNames`), PostgreSQL's and SQLite's could follow.
 */
import type { DataSource, QueryRunner, Table } from 'typeorm';
import type { Op } from '../ops/types';
import { bareTableName } from '../ops/table-path';
import { tableSpec, type SpecContext } from './specs';
import type { TableFilter } from './table-filter';

/** Tables no entity describes but that are not the user's data: TypeORM's and ours. */
export function ignoredTables(dataSource: DataSource, extra: readonly string[]): Set<string> {
  const options = dataSource.options as { migrationsTableName?: string; metadataTableName?: string };
  return new Set([
    'entity_migrate_version',
    'entity_migrate_history',
    options.migrationsTableName ?? 'migrations',
    options.metadataTableName ?? 'typeorm_metadata',
    'query-result-cache',
    ...extra,
  ]);
}

async function listTableNames(queryRunner: QueryRunner, dataSource: DataSource, options: OrphanOptions): Promise<string[]> {
  if (options.ownTableNames) return options.ownTableNames(queryRunner);
  const { schemas, defaultSchema } = options;
  const type = dataSource.options.type;
  if (type === 'postgres') {
    const rows = (await queryRunner.query(
      `SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema = ANY($1)`,
      [schemas],
    )) as { table_schema: string; table_name: string }[];
    return rows.map((r) => (r.table_schema === defaultSchema ? r.table_name : `${r.table_schema}.${r.table_name}`));
  }
  const rows = (await queryRunner.query(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
  )) as { name: string }[];
  return rows.map((r) => r.name);
}

/** Same table, whether or not the default schema is spelled out. */
function normalizeName(name: string, defaultSchema?: string): string {
  return defaultSchema && name.startsWith(`${defaultSchema}.`) ? name.slice(defaultSchema.length + 1) : name;
}

export interface OrphanOptions extends SpecContext {
  /** Corrects what TypeORM read (see index-column-order.ts). */
  fixTables?: (queryRunner: QueryRunner, tables: Table[]) => Promise<void>;
  /** The dialect's own table listing, when it has one (Dialect.ownTableNames). */
  ownTableNames?: (queryRunner: QueryRunner) => Promise<string[]>;
  /** Names (as TypeORM spells them) of the tables entities describe. */
  entityTables: readonly string[];
  /** Schemas to look in (PostgreSQL); entities' schemas plus the default. */
  schemas: readonly string[];
  ignore: ReadonlySet<string>;
  /** `include` / `exclude`: tables left out are never read, let alone dropped. */
  consider?: TableFilter;
}

export async function orphanTableDrops(dataSource: DataSource, options: OrphanOptions): Promise<Op[]> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    const known = new Set(options.entityTables.map((n) => normalizeName(n, options.defaultSchema)));
    const names = (await listTableNames(queryRunner, dataSource, options))
      .map((n) => normalizeName(n, options.defaultSchema))
      .filter((n) => !known.has(n) && !options.ignore.has(n) && !options.ignore.has(bareTableName(n)))
      .filter((n) => options.consider?.(n) ?? true);
    if (names.length === 0) return [];
    const tables = await queryRunner.getTables(names);
    await options.fixTables?.(queryRunner, tables);
    return tables
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => ({ kind: 'dropTable', table: tableSpec(t, options) }));
  } finally {
    await queryRunner.release();
  }
}
