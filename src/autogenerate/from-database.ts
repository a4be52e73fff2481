/**
 * The live database as ops that build it from nothing: what `baseline` writes for a database that
 * existed before its revisions, and `squash` for the schema a chain of revisions built. Read from
 * the catalog, not from entities: schemas, what the dialect says must exist before any table
 * (extensions, types), tables with everything on them (as autogenerate reads a table it would
 * drop, so the downgrade drops exactly that), views. Our tables and TypeORM's are
 * left out, and so are tables `include` / `exclude` leave out.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import { dialectFor, type RawTableStatement, type SchemaScope } from '../dialects';
import { tolerateMissingMetadataTable } from '../typeorm-internals';
import { fromView } from '../ops/from-typeorm';
import { bareTableName, localTableName, splitTableName } from '../ops/table-path';
import type { Op, TableSpec, ViewSpec } from '../ops/types';
import { ignoredTables } from './orphans';
import { orderingPass } from './passes/ordering';
import type { PassContext } from './passes';
import { tableSpec } from './specs';
import { tableFilter, type TablePatterns } from './table-filter';
import { renderRevision, type RenderedRevision } from './render';

export interface DatabaseSchemaOptions extends TablePatterns {
  /** Tables to leave out besides TypeORM's and the default names of ours (the migrator's own tables). */
  ignoreTables: readonly string[];
}

/** What the database holds, and the ops that create it in an order that runs. */
export interface DatabaseSchema {
  tables: TableSpec[];
  views: ViewSpec[];
  /** Schemas other than the default one that hold a table, view, extension or type. */
  schemas: string[];
  /**
   * createSchema, the dialect's prelude (extensions, types) as `execute`, createTable (foreign keys
   * inline where the referenced table exists by then), the indices and checks a table spec cannot
   * hold as `execute` after the last op on their table, createView.
   */
  ops: Op[];
  /**
   * The raw statements among `ops` the downgrade leaves alone: indices and checks TypeORM's Table
   * cannot hold go with their table, and a tenant's baseline leaves the database's extensions to
   * the other schemas that may use them.
   */
  notUndone: ReadonlySet<Op>;
  /** The raw statements among `ops` whose inverse is another one (the prelude's: CREATE EXTENSION → DROP EXTENSION). */
  inverses: ReadonlyMap<Op, Op>;
  /**
   * What the database holds and no op recreates (`trigger audit on account`, `function touch`), for
   * the command to name: a database built from `ops` lacks them. Those of left-out tables are left out.
   */
  notAdopted: string[];
}

/**
 * A revision that builds `schema` from nothing (`baseline`, `squash`), with `heading` on top of
 * its summary, then runs `data` (rows, undone by the downgrade) and `upgradeOnly` (statements the
 * downgrade has nothing to undo for). The downgrade drops everything; raw statements go with their
 * tables, or are undone by their inverse (the prelude's, after the last table is gone).
 */
export function renderDatabaseSchema(
  schema: DatabaseSchema,
  heading: readonly string[],
  extra: { data?: readonly Op[]; upgradeOnly?: readonly Op[] } = {},
): RenderedRevision {
  const reversible = [...schema.ops, ...(extra.data ?? [])];
  const upgrade = renderRevision({ ops: [...reversible, ...(extra.upgradeOnly ?? [])], destructive: [] }, heading);
  const downgrade = renderRevision({ ops: reversible.filter((op) => !schema.notUndone.has(op)), destructive: [] }, undefined, schema.inverses);
  return { ...upgrade, downgradeBody: downgrade.downgradeBody };
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
    // A data source pinned to one schema (a tenant's) adopts that schema only; otherwise every
    // schema of the user's, as a hand-built database may use several.
    const pinned = 'schema' in dataSource.options && typeof dataSource.options.schema === 'string' && dialect.capabilities.schemas;
    const scope = pinned ? { schemas: [defaultSchema!], defaultSchema } : undefined;
    const names = (await dialect.introspection.tableNames(queryRunner, scope)).map((n) => localTableName(n, defaultSchema)).filter(wanted);
    const loaded = names.length === 0 ? [] : await queryRunner.getTables(names);
    await dialect.introspection.fixLoadedTables?.(queryRunner, loaded);
    await dialect.introspection.completeGeneratedColumns?.(queryRunner, loaded);
    await dialect.introspection.completeColumnTypes?.(queryRunner, loaded);
    const raw = [
      ...((await dialect.introspection.rawIndexes?.(queryRunner, loaded)) ?? []),
      ...((await dialect.introspection.rawChecks?.(queryRunner, loaded)) ?? []),
    ].map((statement) => ({ ...statement, table: localTableName(statement.table, defaultSchema) }));
    const tables = loaded.map((t) => tableSpec(t, { defaultSchema })).sort((a, b) => a.name.localeCompare(b.name));
    const views = (await readViews(queryRunner, scope))
      .map((v) => ({ ...v, name: localTableName(v.name, defaultSchema) }))
      .filter((v) => wanted(v.name));
    const prelude = (await dialect.introspection.schemaPrelude?.(queryRunner, scope, loaded)) ?? [];
    const local = (name: string) => localTableName(name, defaultSchema);
    const notAdopted = ((await dialect.introspection.objectsNotAdopted?.(queryRunner, scope)) ?? [])
      .filter((o) => o.table === undefined || wanted(local(o.table)))
      .map((o) => [o.kind, o.name && local(o.name), o.table && `on ${local(o.table)}`].filter(Boolean).join(' '));
    const holders = [...[...tables, ...views].flatMap((t) => splitTableName(t.name).schema ?? []), ...prelude.flatMap((p) => p.schema ?? [])];
    const schemas = [...new Set(holders)]
      .filter((s) => s !== defaultSchema)
      .sort();
    const inverses = new Map<Op, Op>();
    const notUndone = new Set<Op>();
    const ops: Op[] = [
      ...schemas.map((schema): Op => ({ kind: 'createSchema', schema })),
      ...prelude.map((statement): Op => {
        const create: Op = { kind: 'execute', sql: statement.create };
        if (statement.drop === undefined) notUndone.add(create);
        else inverses.set(create, { kind: 'execute', sql: statement.drop });
        return create;
      }),
      ...tables.map((table): Op => ({ kind: 'createTable', table })),
      ...views.map((view): Op => ({ kind: 'createView', view })),
    ];
    const ctx: PassContext = { dataSource, dialect, scope: { defaultSchema, schemas: defaultSchema ? [defaultSchema, ...schemas] : [] } };
    const ordered = await orderingPass.run({ ops, destructive: [] }, ctx);
    return { tables, views, schemas, ops: withRawStatements(ordered.ops, raw, notUndone), notUndone, inverses, notAdopted };
  } finally {
    await queryRunner.release();
  }

  /**
   * Each table's raw statements (see DialectIntrospection.rawIndexes) after the last op on its
   * table (its createTable, or a foreign key a cycle adds later): a later op may rebuild the table
   * from what TypeORM reads of it (SQLite), which cannot hold them.
   */
  function withRawStatements(ops: readonly Op[], raw: readonly RawTableStatement[], notUndone: Set<Op>): Op[] {
    const tableOf = (op: Op) => (op.kind === 'createTable' ? op.table.name : op.kind === 'createForeignKey' ? op.table : undefined);
    return ops.flatMap((op, i): Op[] => {
      const table = tableOf(op);
      if (table === undefined || ops.slice(i + 1).some((later) => tableOf(later) === table)) return [op];
      const statements = raw.filter((r) => r.table === table).map((r): Op => ({ kind: 'execute', sql: r.sql }));
      statements.forEach((s) => notUndone.add(s));
      return [op, ...statements];
    });
  }

  async function readViews(queryRunner: QueryRunner, scope: SchemaScope | undefined): Promise<ViewSpec[]> {
    const { introspection } = dialect;
    if (introspection.catalogViews) return introspection.catalogViews(queryRunner, scope);
    return (await queryRunner.getViews()).map(fromView);
  }
}
