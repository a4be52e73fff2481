/**
 * Tables that exist in the database but belong to no entity. TypeORM's schema builder never
 * drops tables (synchronize leaves them alone), so autogenerate finds them itself and emits a
 * `dropTable` carrying the full definition, for an exact downgrade.
 * Listing the tables is the dialect's (`introspection.tableNames`).
 */
import type { DataSource } from 'typeorm';
import { DEFAULTS } from '../config/settings';
import type { Dialect, SchemaScope } from '../dialects';
import { tolerateMissingMetadataTable } from '../typeorm-internals';
import type { Op } from '../ops/types';
import { bareTableName, localTableName } from '../ops/table-path';
import { tableSpec } from './specs';
import type { TableFilter } from './table-filter';

/** Tables no entity describes but that are not the user's data: TypeORM's and ours. */
export function ignoredTables(dataSource: DataSource, extra: readonly string[]): Set<string> {
  const options = dataSource.options;
  return new Set([
    DEFAULTS.versionTable,
    DEFAULTS.historyTable,
    options.migrationsTableName ?? 'migrations',
    options.metadataTableName ?? 'typeorm_metadata',
    'query-result-cache',
    ...extra,
  ]);
}

export interface OrphanOptions {
  dialect: Dialect;
  /** Schemas to look in (PostgreSQL: the entities' schemas plus the default). */
  scope: SchemaScope;
  /** Names (as TypeORM spells them) of the tables entities describe. */
  entityTables: readonly string[];
  ignore: ReadonlySet<string>;
  /** `include` / `exclude`: tables left out are never read, let alone dropped. */
  consider?: TableFilter;
}

export async function orphanTableDrops(dataSource: DataSource, options: OrphanOptions): Promise<Op[]> {
  const queryRunner = dataSource.createQueryRunner();
  tolerateMissingMetadataTable(queryRunner);
  try {
    const { dialect, scope } = options;
    const known = new Set(options.entityTables.map((n) => localTableName(n, scope.defaultSchema)));
    const names = (await dialect.introspection.tableNames(queryRunner, scope))
      .map((n) => localTableName(n, scope.defaultSchema))
      .filter((n) => !known.has(n) && !options.ignore.has(n) && !options.ignore.has(bareTableName(n)))
      .filter((n) => options.consider?.(n) ?? true);
    if (names.length === 0) return [];
    const tables = await queryRunner.getTables(names);
    await dialect.introspection.fixLoadedTables?.(queryRunner, tables);
    return tables
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => ({ kind: 'dropTable', table: tableSpec(t, { defaultSchema: scope.defaultSchema }) }));
  } finally {
    await queryRunner.release();
  }
}
