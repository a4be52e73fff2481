/**
 * Autogenerate's entry point: entities vs the live database → ops, with TypeORM's mistakes fixed.
 *
 *   record the schema builder's calls → ops, + tables no entity describes (dropped)
 *   → the passes of passes/index.ts, in order
 */
import type { DataSource } from 'typeorm';
import { dialectFor, type Dialect, type SchemaScope } from '../dialects';
import { EntityMigrateError } from '../errors';
import type { Op } from '../ops/types';
import { callsToOps } from './calls-to-ops';
import { ignoredTables, orphanTableDrops } from './orphans';
import { PASSES, type PassContext, type PassState } from './passes';
import { BuilderTables } from './passes/builder-tables';
import { recordSchemaBuilder } from './record-schema-builder';
import { assertSupportedNames } from './unsupported-names';
import { tableFilter, type TablePatterns } from './table-filter';
import type { AutogenerateResult, ConfirmRename, RenameHint } from './types';

/** `include` / `exclude`: the tables to consider (see table-filter.ts). */
export interface CompareOptions extends TablePatterns {
  /** `--rename` answers given ahead of time. */
  renames?: readonly RenameHint[];
  /** Asked for rename candidates no hint answers (the CLI passes a prompt on a TTY). */
  confirmRename?: ConfirmRename;
  /**
   * Tables to leave alone besides the default names of ours (`entity_migrate_version`,
   * `entity_migrate_history`) and TypeORM's (see orphans.ts); the migrator passes its own tables.
   */
  ignoreTables?: readonly string[];
  /** A constraint or index whose name alone differs is a change (drop + create); default false. */
  strictNames?: boolean;
  /** Ops on existing tables in their online form (see passes/online.ts); default false. */
  online?: boolean;
}

/** The tables entities describe, as TypeORM names them. */
function entityTables(dataSource: DataSource): string[] {
  return dataSource.entityMetadatas
    .filter((m) => m.tableType !== 'view' && m.tableType !== 'entity-child')
    .map((m) => m.tablePath);
}

/** Entities whose tables the dialect cannot autogenerate are refused up front, by name. */
function assertSupportedEntities(dataSource: DataSource, dialect: Dialect): void {
  for (const entity of dataSource.entityMetadatas) {
    const why = dialect.introspection.unsupportedEntity?.(entity);
    if (why) throw new EntityMigrateError('UNSUPPORTED_ENTITY', `entity ${entity.name}: ${why}`);
  }
}

/**
 * Compare the entities of an initialized DataSource with its database. Changes nothing.
 * An empty `ops` means the database matches the entities.
 */
export async function compareSchema(dataSource: DataSource, options: CompareOptions = {}): Promise<AutogenerateResult> {
  assertSupportedNames(dataSource);
  const dialect = dialectFor(dataSource);
  assertSupportedEntities(dataSource, dialect);
  const defaultSchema = await dialect.introspection.defaultSchema(dataSource);
  const entitySchemas = dataSource.entityMetadatas.flatMap((m) => (m.schema ? [m.schema] : []));
  const scope: SchemaScope = { defaultSchema, schemas: [...new Set([...(defaultSchema ? [defaultSchema] : []), ...entitySchemas])] };
  const builderTables = new BuilderTables(defaultSchema);
  const ctx: PassContext = {
    dataSource,
    dialect,
    scope,
    consider: tableFilter(options, defaultSchema),
    renames: options.renames,
    confirmRename: options.confirmRename,
    strictNames: options.strictNames,
    online: options.online,
    builderTables,
  };

  const fixTables = dialect.introspection.fixLoadedTables?.bind(dialect.introspection);
  const tablesLoaded = builderTables.record.bind(builderTables);
  const calls = await recordSchemaBuilder(dataSource, { fixTables, tablesLoaded, withoutSchemas: !dialect.capabilities.schemas });
  const builderOps = callsToOps(calls, { dataSource, defaultSchema });
  const drops = await orphanTableDrops(dataSource, {
    dialect,
    scope,
    entityTables: entityTables(dataSource),
    ignore: ignoredTables(dataSource, options.ignoreTables ?? []),
    consider: ctx.consider,
  });

  let state: PassState = { ops: [...builderOps, ...drops] as Op[], destructive: [] };
  for (const pass of PASSES) state = await pass.run(state, ctx);
  return state;
}
