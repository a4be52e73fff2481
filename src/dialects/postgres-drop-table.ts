/**
 * PostgreSQL dropTable that also drops the table's enum types. TypeORM's `dropTable` leaves them
 * behind (its `dropColumn` does drop them), so a downgrade that drops a table with an enum column
 * would leave `<table>_<column>_enum` in the schema, and a later `createTable` would silently reuse
 * it with its old values. A type another table still uses (a shared `enumName`) is kept.
 */
import type { QueryRunner, Table, TableColumn } from 'typeorm';
import { peekCachedTable, cachedTable } from '../ops/table-cache';
import { tableOps } from '../ops/impl/table-ops';
import { toTable } from '../ops/to-typeorm';
import type { ExecutionContext, OpImplementation } from './dialect';

interface PostgresRunnerInternals {
  buildEnumName(table: Table | string, column: TableColumn, withSchema?: boolean, disableEscape?: boolean): string;
}

const isEnum = (column: TableColumn): boolean => column.type === 'enum' || column.type === 'simple-enum';

/** The table as it is before the drop: cached, else the catalog, else the op's own spec (offline). */
async function tableBeforeDrop(ctx: ExecutionContext, name: string, spec: Parameters<typeof toTable>[0] | undefined): Promise<Table | undefined> {
  const cached = peekCachedTable(ctx.queryRunner, name);
  if (cached) return cached;
  if (await ctx.queryRunner.hasTable(name)) return cachedTable(ctx.queryRunner, name);
  return spec ? toTable(spec) : undefined;
}

/** Whether a column of another table (or view) uses the type `schema.name` or its array type. */
async function usedElsewhere(queryRunner: QueryRunner, schema: string, name: string, table: { schema: string; name: string }): Promise<boolean> {
  const rows = (await queryRunner.query(
    `SELECT 1 FROM pg_type t
       JOIN pg_namespace n ON n.oid = t.typnamespace
       JOIN pg_attribute a ON a.atttypid IN (t.oid, t.typarray) AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_class c ON c.oid = a.attrelid AND c.relkind NOT IN ('i', 'I', 'S')
       JOIN pg_namespace cn ON cn.oid = c.relnamespace
      WHERE n.nspname = $1 AND t.typname = $2 AND NOT (cn.nspname = $3 AND c.relname = $4)
      LIMIT 1`,
    [schema, name, table.schema, table.name],
  )) as unknown[];
  return rows.length > 0;
}

export const postgresDropTable: OpImplementation<'dropTable'> = async (op, ctx) => {
  const spec = typeof op.table === 'string' ? undefined : op.table;
  // The common case: a full spec without enum columns needs no catalog lookups.
  if (spec && !spec.columns.some((c) => c.type === 'enum' || c.type === 'simple-enum')) return tableOps.dropTable(op, ctx);
  const name = spec ? spec.name : (op.table as string);
  const table = await tableBeforeDrop(ctx, name, spec);
  const runner = ctx.queryRunner as QueryRunner & PostgresRunnerInternals;
  const dot = name.lastIndexOf('.');
  const schema = dot === -1 ? ((await ctx.queryRunner.query(`SELECT current_schema() AS schema`)) as { schema: string }[])[0]!.schema : name.slice(0, dot);
  const where = { schema, name: name.slice(dot + 1) };
  const enumTypes = new Map<string, string>();
  for (const column of table?.columns.filter(isEnum) ?? []) {
    const typeName = runner.buildEnumName(name, column, false, true);
    if (!(await usedElsewhere(ctx.queryRunner, where.schema, typeName, where))) {
      enumTypes.set(typeName, `${ctx.dialect.quoteIdentifier(where.schema)}.${ctx.dialect.quoteIdentifier(typeName)}`);
    }
  }
  await tableOps.dropTable(op, ctx);
  for (const quoted of enumTypes.values()) await ctx.sink.query(`DROP TYPE IF EXISTS ${quoted}`);
};
