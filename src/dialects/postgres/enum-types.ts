/**
 * PostgreSQL enum types that a change leaves unused. TypeORM creates `<table>_<column>_enum` for an
 * enum column, and drops it with the column, but not when the table is dropped or the column's
 * type changes to something else; the type would stay behind, and a later column of that name
 * would silently reuse it with its old values.
 */
import { defaultSchemaOf } from './catalog-scope';
import type { QueryRunner, TableColumn } from 'typeorm';
import { splitTableName } from '../../ops/table-path';
import type { ExecutionContext } from '../../ops/execution';
import { isDetached, postgresRunner } from '../../typeorm-internals';
import { cachedTables } from '../../ops/table-cache';

export const isEnumColumn = (column: { type: string }): boolean => column.type === 'enum' || column.type === 'simple-enum';

/** `schema.table` or `table` (in the default schema) → both parts. */
export async function tablePath(queryRunner: QueryRunner, name: string): Promise<{ schema: string; table: string }> {
  const split = splitTableName(name);
  if (split.schema !== undefined) return { schema: split.schema, table: split.name };
  return { schema: await defaultSchemaOf(queryRunner), table: name };
}

/**
 * Whether any column other than the excluded ones uses the type `schema.name` (or its array type).
 * `except.column` unset excludes the whole table. Read before the change, so it holds offline too.
 */
async function enumTypeInUse(
  queryRunner: QueryRunner,
  schema: string,
  name: string,
  except: { schema: string; table: string; column?: string },
): Promise<boolean> {
  if (isDetached(queryRunner)) return enumTypeInUseByScript(queryRunner, schema, name, except);
  const rows = (await queryRunner.query(
    `SELECT 1 FROM pg_type t
       JOIN pg_namespace n ON n.oid = t.typnamespace
       JOIN pg_attribute a ON a.atttypid IN (t.oid, t.typarray) AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_class c ON c.oid = a.attrelid AND c.relkind NOT IN ('i', 'I', 'S')
       JOIN pg_namespace cn ON cn.oid = c.relnamespace
      WHERE n.nspname = $1 AND t.typname = $2
        AND NOT (cn.nspname = $3 AND c.relname = $4 AND ($5::text IS NULL OR a.attname = $5))
      LIMIT 1`,
    [schema, name, except.schema, except.table, except.column ?? null],
  )) as unknown[];
  return rows.length > 0;
}

/** The same, for a script written without a database: the tables its revisions made are all there is. */
async function enumTypeInUseByScript(
  queryRunner: QueryRunner,
  schema: string,
  name: string,
  except: { schema: string; table: string; column?: string },
): Promise<boolean> {
  const runner = postgresRunner(queryRunner);
  for (const table of cachedTables(queryRunner)) {
    const path = await tablePath(queryRunner, table.name);
    if (path.schema !== schema) continue;
    const excepted = path.table === except.table && path.schema === except.schema;
    const uses = table.columns.some(
      (c) => isEnumColumn(c) && runner.buildEnumName(table, c, false, true) === name && !(excepted && (except.column === undefined || c.name === except.column)),
    );
    if (uses) return true;
  }
  return false;
}

/**
 * The enum types of `columns` (of table `tableName`) that nothing else uses, as quoted names to
 * `DROP TYPE` once the change is done. `onlyColumns`: the columns stop using them, not the table.
 */
export async function enumTypesLeftUnused(
  ctx: ExecutionContext,
  tableName: string,
  columns: readonly TableColumn[],
  onlyColumns = false,
): Promise<string[]> {
  const enums = columns.filter(isEnumColumn);
  if (enums.length === 0) return [];
  const runner = postgresRunner(ctx.queryRunner);
  const path = await tablePath(ctx.queryRunner, tableName);
  const unused: string[] = [];
  for (const column of enums) {
    const typeName = runner.buildEnumName(tableName, column, false, true);
    const except = { ...path, ...(onlyColumns && { column: column.name }) };
    if (await enumTypeInUse(ctx.queryRunner, path.schema, typeName, except)) continue;
    const quoted = `${ctx.dialect.quoteIdentifier(path.schema)}.${ctx.dialect.quoteIdentifier(typeName)}`;
    if (!unused.includes(quoted)) unused.push(quoted);
  }
  return unused;
}

export async function dropEnumTypes(ctx: ExecutionContext, quotedNames: readonly string[]): Promise<void> {
  for (const name of quotedNames) await ctx.sink.query(`DROP TYPE IF EXISTS ${name}`);
}
