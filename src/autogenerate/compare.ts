/**
 * Autogenerate's entry point: entities vs the live database → ops, with TypeORM's mistakes fixed.
 *
 *   record the schema builder's calls → ops → + dropped tables → (PostgreSQL) uuid defaults
 *   → false-diff filter → changed index predicates → include/exclude filter → renames
 *   → safe alters → ordering → PostgreSQL extras
 */
import type { DataSource, QueryRunner, Table } from 'typeorm';
import { dialectFor } from '../dialects';
import type { Op } from '../ops/types';
import { callsToOps } from './calls-to-ops';
import { ignoredTables, orphanTableDrops } from './orphans';
import { filterFalseDiffs } from './passes/false-diffs';
import { changedIndexPredicates } from './passes/index-predicates';
import { orderOps } from './passes/ordering';
import type { PassContext, PassState } from './passes/pass';
import { postgresExtras } from './passes/postgres-extras';
import { resolveRenames } from './passes/renames';
import { safeAlter } from './passes/safe-alter';
import { isUuidFunctionDefault, restoreUuidDefaults } from './passes/uuid-defaults';
import { fixEnumLabelOrder } from './enum-label-order';
import { fixIndexColumnOrder } from './index-column-order';
import { recordSchemaBuilder } from './record-schema-builder';
import { assertSupportedNames } from './unsupported-names';
import { filterOps, tableFilter, type TablePatterns } from './table-filter';
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
}

async function postgresSchemas(dataSource: DataSource): Promise<{ current: string; existing: Set<string> }> {
  const [{ current }] = (await dataSource.query(`SELECT current_schema() AS current`)) as { current: string }[];
  const rows = (await dataSource.query(`SELECT schema_name FROM information_schema.schemata`)) as { schema_name: string }[];
  return { current, existing: new Set(rows.map((r) => r.schema_name)) };
}

/** PostgreSQL: the uuid-function defaults of uuid columns, as `table.column` → default (see uuid-defaults.ts). */
async function liveUuidDefaults(dataSource: DataSource, schemas: readonly string[], defaultSchema: string): Promise<Map<string, string>> {
  const rows = (await dataSource.query(
    `SELECT table_schema, table_name, column_name, column_default FROM information_schema.columns
      WHERE udt_name = 'uuid' AND column_default IS NOT NULL AND table_schema = ANY($1)`,
    [schemas],
  )) as { table_schema: string; table_name: string; column_name: string; column_default: string }[];
  const live = new Map<string, string>();
  for (const r of rows) {
    if (!isUuidFunctionDefault(r.column_default)) continue;
    const table = r.table_schema === defaultSchema ? r.table_name : `${r.table_schema}.${r.table_name}`;
    live.set(`${table}.${r.column_name}`, r.column_default);
  }
  return live;
}

/** The tables entities describe, as TypeORM names them. */
function entityTables(dataSource: DataSource): string[] {
  return dataSource.entityMetadatas
    .filter((m) => m.tableType !== 'view' && m.tableType !== 'entity-child')
    .map((m) => m.tablePath);
}

/**
 * Compare the entities of an initialized DataSource with its database. Changes nothing.
 * An empty `ops` means the database matches the entities.
 */
export async function compareSchema(dataSource: DataSource, options: CompareOptions = {}): Promise<AutogenerateResult> {
  assertSupportedNames(dataSource);
  const dialectImpl = dialectFor(dataSource);
  const dialect = dialectImpl.name;
  const pg = dialect === 'postgres' ? await postgresSchemas(dataSource) : undefined;
  const ctx: PassContext = { dialect, defaultSchema: pg?.current };

  const fixTables = pg
    ? async (queryRunner: QueryRunner, tables: Table[]) => {
        await fixIndexColumnOrder(queryRunner, tables);
        await fixEnumLabelOrder(queryRunner, tables);
      }
    : dialectImpl.fixLoadedTables;
  const calls = await recordSchemaBuilder(dataSource, { fixTables });
  const builderOps = callsToOps(calls, { dataSource, defaultSchema: ctx.defaultSchema });
  const entitySchemas = dataSource.entityMetadatas.flatMap((m) => (m.schema ? [m.schema] : []));
  const ignore = ignoredTables(dataSource, options.ignoreTables ?? []);
  const schemas = [...new Set([...(pg ? [pg.current] : []), ...entitySchemas])];
  const consider = tableFilter(options, ctx.defaultSchema);
  const drops = await orphanTableDrops(dataSource, {
    defaultSchema: ctx.defaultSchema,
    ownTableNames: dialectImpl.ownTableNames,
    entityTables: entityTables(dataSource),
    schemas,
    ignore,
    consider,
    fixTables,
  });

  let state: PassState = { ops: [...builderOps, ...drops] as Op[], destructive: [] };
  if (pg) {
    const generator = (dataSource.driver as unknown as { uuidGenerator?: string }).uuidGenerator ?? 'uuid_generate_v4()';
    state = restoreUuidDefaults(state, { live: await liveUuidDefaults(dataSource, schemas, pg.current), generator });
  }
  state = filterFalseDiffs(state);
  state = await changedIndexPredicates(dataSource, state, ctx);
  // Before renames: a table left out is neither half of a rename.
  if (consider) state = { ...state, ops: filterOps(state.ops, consider) };
  state = await resolveRenames(state, { hints: options.renames, confirm: options.confirmRename });
  state = safeAlter(state, ctx);
  state = orderOps(state, ctx.defaultSchema);
  state = postgresExtras(state, { ...ctx, existingSchemas: pg?.existing ?? new Set() });
  return state;
}
