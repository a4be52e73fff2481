/**
 * The live database as ops that build it from nothing: what `baseline` writes for a database that
 * existed before its revisions, and `squash` for the schema a chain of revisions built. Read from
 * the catalog, not from entities: schemas, tables with everything on them (as autogenerate reads a
 * table it would drop, so the downgrade drops exactly that), views. Our tables and TypeORM's are
 * left out, and so are tables `include` / `exclude` leave out.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import { dialectFor } from '../dialects';
import type { RawIndex } from '../dialects/dialect';
import { tolerateMissingMetadataTable } from '../typeorm-internals';
import { fromView } from '../ops/from-typeorm';
import { bareTableName, localTableName, splitTableName } from '../ops/table-path';
import type { Op, TableSpec, ViewSpec } from '../ops/types';
import { ignoredTables } from './orphans';
import { orderingPass } from './passes/ordering';
import type { PassContext } from './passes';
import { tableSpec } from './specs';
import { tableFilter, type TablePatterns } from './table-filter';

export interface DatabaseSchemaOptions extends TablePatterns {
  /** Tables to leave out besides TypeORM's and the default names of ours (the migrator's own tables). */
  ignoreTables: readonly string[];
}

/** What the database holds, and the ops that create it in an order that runs. */
export interface DatabaseSchema {
  tables: TableSpec[];
  views: ViewSpec[];
  /** Schemas other than the default one that hold a table or view. */
  schemas: string[];
  /**
   * createSchema, createTable (foreign keys inline where the referenced table exists by then), the
   * indices a table spec cannot hold as `execute` right after their table's createTable, createView.
   */
  ops: Op[];
}

export async function databaseSchema(dataSource: DataSource, options: DatabaseSchemaOptions): Promise<DatabaseSchema> {
  const dialect = dialectFor(dataSource);
  const defaultSchema = await dialect.introspection.defaultSchema(dataSource);
  const consider = tableFilter(options, defaultSchema);
  const ignore = ignoredTables(dataSource, options.ignoreTables);
  const wanted = (name: string) => !ignore.has(name) && !ignore.has(bareTableName(name)) && (consider?.(name) ?? true);
  const queryRunner = dataSource.createQueryRunner();
  tolerateMissingMetadataTable(queryRunner);
  try {
    const names = (await dialect.introspection.tableNames(queryRunner)).map((n) => localTableName(n, defaultSchema)).filter(wanted);
    const loaded = names.length === 0 ? [] : await queryRunner.getTables(names);
    await dialect.introspection.fixLoadedTables?.(queryRunner, loaded);
    await dialect.introspection.completeGeneratedColumns?.(queryRunner, loaded);
    const rawIndexes = (await dialect.introspection.rawIndexes?.(queryRunner, loaded)) ?? [];
    const tables = loaded.map((t) => tableSpec(t, { defaultSchema })).sort((a, b) => a.name.localeCompare(b.name));
    const views = (await readViews(queryRunner))
      .map((v) => ({ ...v, name: localTableName(v.name, defaultSchema) }))
      .filter((v) => wanted(v.name));
    const schemas = [...new Set([...tables, ...views].flatMap((t) => splitTableName(t.name).schema ?? []))]
      .filter((s) => s !== defaultSchema)
      .sort();
    const ops: Op[] = [
      ...schemas.map((schema): Op => ({ kind: 'createSchema', schema })),
      ...tables.map((table): Op => ({ kind: 'createTable', table })),
      ...views.map((view): Op => ({ kind: 'createView', view })),
    ];
    const ctx: PassContext = { dataSource, dialect, scope: { defaultSchema, schemas: defaultSchema ? [defaultSchema, ...schemas] : [] } };
    const ordered = await orderingPass.run({ ops, destructive: [] }, ctx);
    return { tables, views, schemas, ops: withRawIndexes(ordered.ops, rawIndexes) };
  } finally {
    await queryRunner.release();
  }

  async function readViews(queryRunner: QueryRunner): Promise<ViewSpec[]> {
    const { introspection } = dialect;
    if (introspection.catalogViews) return introspection.catalogViews(queryRunner);
    return (await queryRunner.getViews()).map(fromView);
  }
}

/** Each raw index statement right after the createTable of its table (its table's drop drops it). */
function withRawIndexes(ops: readonly Op[], raw: readonly RawIndex[]): Op[] {
  if (raw.length === 0) return [...ops];
  return ops.flatMap((op) => (op.kind === 'createTable' ? [op, ...raw.filter((r) => r.table === op.table.name).map((r): Op => ({ kind: 'execute', sql: r.sql }))] : [op]));
}
