/**
 * PostgreSQL alterColumn that never loses data. TypeORM's `changeColumn` drops and re-adds a
 * column whose type, length or array-ness changes; we change the type in place instead
 * (`ALTER COLUMN … TYPE … USING …`), then let `changeColumn` handle everything else (nullability,
 * default, comment, uniqueness, rename), which it does in place, but for a key's generation
 * (serial, identity), which identity-columns.ts changes.
 */
import { defaultSchemaOf } from './catalog-scope';
import type { Table, TableColumn, TableIndex } from 'typeorm';
import { columnToAlter, findColumn, tableOf } from '../../ops/impl/lookup';
import { changesStorageType } from '../../ops/impl/merge-column';
import { replaceCachedColumn, replaceTable } from '../../ops/table-cache';
import type { ExecutionContext, OpImplementation } from '../../ops/execution';
import { postgresRunner } from '../../typeorm-internals';
import { dropEnumTypes, enumTypesLeftUnused, tablePath } from './enum-types';
import { keyGeneration } from '../../ops/key-generation';
import { keyGenerationStatements } from './identity-columns';

/** Types whose explicit cast truncates to the length instead of failing. */
const CHARACTER_TYPES: ReadonlySet<string> = new Set(['character varying', 'varchar', 'character', 'char', 'nchar', 'nvarchar', 'national character', 'national character varying', 'bpchar']);

const isEnum = (column: TableColumn): boolean => column.type === 'enum' || column.type === 'simple-enum';

export const postgresAlterColumn: OpImplementation<'alterColumn'> = async (op, ctx) => {
  let { table, old, next } = await columnToAlter(op, ctx);
  // A computed (STORED) column holds no data of its own; TypeORM's drop + add is fine for it.
  if (changesStorageType(old, next) && !next.asExpression) {
    if (old.isUnique && !next.isUnique) {
      // Drop the unique constraint before the type changes: the new type may have no btree
      // operator class (jsonb → json), and rebuilding an index about to go is wasted work.
      const notUnique = old.clone();
      notUnique.isUnique = false;
      await ctx.sink.viaQueryRunner((qr) => qr.changeColumn(op.table, old, notUnique));
      replaceCachedColumn(ctx.queryRunner, op.table, op.column, notUnique);
      table = await tableOf(ctx, op.table);
      old = findColumn(table, op.table, op.column);
    }
    await changeTypeInPlace(ctx, table, old, next, op.using);
  } else if (await changeEnumValues(ctx, op.table, table, old, next)) {
    table = await tableOf(ctx, op.table);
  }
  const current = findColumn(table, op.table, op.column);
  const from = keyGeneration(current);
  const to = keyGeneration(next);
  if (!from || !to || from === to) {
    await ctx.sink.viaQueryRunner((qr) => qr.changeColumn(op.table, current, next));
  } else {
    // TypeORM's changeColumn gets everything but the generation, which it would get wrong (it
    // sees no change between serial and identity); then the generation changes, after the rest,
    // so that a column made NOT NULL here can become an identity.
    const rest = next.clone();
    Object.assign(rest, { isGenerated: current.isGenerated, generationStrategy: current.generationStrategy, generatedIdentity: current.generatedIdentity });
    await ctx.sink.viaQueryRunner((qr) => qr.changeColumn(op.table, current, rest));
    for (const sql of keyGenerationStatements(ctx.queryRunner, table, next.name, String(next.type), from, to)) await ctx.sink.query(sql);
  }
  replaceCachedColumn(ctx.queryRunner, op.table, op.column, next);
};

/**
 * Enum values added or removed, or put in another order. TypeORM would append added values with
 * ADD VALUE: the old order stays (enum order is the sort order, so a downgrade that puts back a
 * removed first value would not restore the type), and an added value is unusable before commit
 * ("unsafe use of new value").
 * - Added at their places and not used by the new default: `ADD VALUE … BEFORE …`, no rewrite.
 * - Otherwise: rebuild the type (rename the old, create the new, cast through text, drop the old),
 *   as TypeORM would for a removal, but with the partial indexes whose predicate names the column
 *   dropped and created again around it (TypeORM's rebuild fails on them).
 * A type shared by other columns (one `enumName`) changes once, for all of them: the revision has
 * one alterColumn per column, and the later ones find their cached column already changed.
 * Returns whether it ran; the cached column then has the new values, so changeColumn sees no
 * enum change left (and sets the default again if it was dropped).
 */
async function changeEnumValues(ctx: ExecutionContext, tableName: string, table: Table, old: TableColumn, next: TableColumn): Promise<boolean> {
  if (!isEnum(old) || !isEnum(next) || old.enumName !== next.enumName) return false;
  const before = old.enum ?? [];
  const after = next.enum ?? [];
  const sameOrder = before.length === after.length && before.every((v, i) => v === after[i]);
  if (sameOrder) return false;
  const removes = before.some((v) => !after.includes(v));
  const runner = postgresRunner(ctx.queryRunner);
  const sharedWith = old.enumName ? await otherColumnsOfType(ctx, tableName, table, old) : [];
  const type = runner.buildEnumName(table, old);
  const added = after.filter((v) => !before.includes(v));
  const defaultUsesAdded =
    typeof next.default === 'string' && added.some((v) => next.default.includes(`'${v.replace(/'/g, "''")}'`));
  const now = old.clone();
  now.enum = [...after];
  if (!removes && isSubsequence(before, after) && !defaultUsesAdded) {
    const literal = (value: string) => ctx.dialect.literal(value);
    for (const [i, value] of after.entries()) {
      if (before.includes(value)) continue;
      const anchor = after.slice(i + 1).find((v) => before.includes(v));
      await ctx.sink.query(`ALTER TYPE ${type} ADD VALUE IF NOT EXISTS ${literal(value)}${anchor !== undefined ? ` BEFORE ${literal(anchor)}` : ''}`);
    }
  } else {
    const target = runner.escapePath(table);
    const quote = (name: string) => ctx.dialect.quoteIdentifier(name);
    const column = quote(old.name);
    const array = next.isArray ? '[]' : '';
    const hadDefault = old.default !== undefined && old.default !== null;
    // A partial index whose predicate compares the column with a value of the old type cannot be
    // rebuilt under the new one ("operator does not exist: t = t_old"): drop it, create it after.
    const partial: Array<{ table: Table; index: TableIndex }> = [];
    for (const [t, name] of [[table, old.name] as const, ...(await Promise.all(sharedWith.map(async (o) => [await tableOf(ctx, o.cacheName), o.column] as const)))]) {
      for (const index of t.indices) if (index.where && mentions(index.where, name)) partial.push({ table: t, index });
    }
    const statements = [
      ...partial.map(({ table: t, index }) => runner.dropIndexSql(t, index).query),
      `ALTER TYPE ${type} RENAME TO ${runner.buildEnumName(table, old, false, false, true)}`,
      runner.createEnumTypeSql(table, next).query,
      // The default names the old type; changeColumn sets it again afterwards.
      ...(hadDefault ? [`ALTER TABLE ${target} ALTER COLUMN ${column} DROP DEFAULT`] : []),
      `ALTER TABLE ${target} ALTER COLUMN ${column} TYPE ${type}${array} USING ${column}::text${array}::${type}${array}`,
    ];
    // The other columns of a shared type move to the new type too, their defaults set again as
    // they read (they name the type, whose name is the same).
    for (const other of sharedWith) {
      const otherTable = `${quote(other.schema)}.${quote(other.table)}`;
      const otherColumn = quote(other.column);
      const otherArray = other.isArray ? '[]' : '';
      if (other.default !== null) statements.push(`ALTER TABLE ${otherTable} ALTER COLUMN ${otherColumn} DROP DEFAULT`);
      statements.push(
        `ALTER TABLE ${otherTable} ALTER COLUMN ${otherColumn} TYPE ${type}${otherArray} USING ${otherColumn}::text${otherArray}::${type}${otherArray}`,
      );
      if (other.default !== null) statements.push(`ALTER TABLE ${otherTable} ALTER COLUMN ${otherColumn} SET DEFAULT ${other.default}`);
    }
    statements.push(`DROP TYPE ${runner.buildEnumName(table, old, true, false, true)}`);
    for (const { table: t, index } of partial) statements.push(runner.createIndexSql(t, index).query);
    for (const sql of statements) await ctx.sink.query(sql);
    if (hadDefault) now.default = undefined;
  }
  replaceCachedColumn(ctx.queryRunner, tableName, old.name, now);
  // The other columns of the type have its new values now: their own alterColumn has nothing left.
  for (const other of sharedWith) {
    const otherTable = await tableOf(ctx, other.cacheName);
    const column = otherTable.findColumnByName(other.column);
    if (!column || !isEnum(column)) continue;
    const changed = column.clone();
    changed.enum = [...after];
    replaceCachedColumn(ctx.queryRunner, other.cacheName, other.column, changed);
  }
  return true;
}

interface SharedEnumColumn {
  schema: string;
  table: string;
  /** The table's name as the runner's cache knows it (no schema in the default one). */
  cacheName: string;
  column: string;
  isArray: boolean;
  /** The default as PostgreSQL prints it, or null. */
  default: string | null;
}

/** Columns other than `column` (of `tableName`) whose type is the column's enum type or its array. */
async function otherColumnsOfType(ctx: ExecutionContext, tableName: string, table: Table, column: TableColumn): Promise<SharedEnumColumn[]> {
  const runner = postgresRunner(ctx.queryRunner);
  const path = await tablePath(ctx.queryRunner, tableName);
  const current = await defaultSchemaOf(ctx.queryRunner);
  const typeName = runner.buildEnumName(table, column, false, true);
  const rows = (await ctx.queryRunner.query(
    `SELECT cn.nspname AS schema, c.relname AS "table", a.attname AS "column", a.atttypid = t.typarray AS "isArray",
            pg_get_expr(d.adbin, d.adrelid) AS "default"
       FROM pg_type t
       JOIN pg_namespace n ON n.oid = t.typnamespace
       JOIN pg_attribute a ON a.atttypid IN (t.oid, t.typarray) AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p')
       JOIN pg_namespace cn ON cn.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND t.typname = $2
        AND NOT (cn.nspname = $3 AND c.relname = $4 AND a.attname = $5)
      ORDER BY cn.nspname, c.relname, a.attnum`,
    [path.schema, typeName, path.schema, path.table, column.name],
  )) as Omit<SharedEnumColumn, 'cacheName'>[];
  return rows.map((r) => ({ ...r, cacheName: r.schema === current ? r.table : `${r.schema}.${r.table}` }));
}

/** Whether an index predicate names the column (bare or quoted). */
function mentions(predicate: string, column: string): boolean {
  const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w"])("${escaped}"|${escaped})($|[^\\w"])`).test(predicate);
}

function isSubsequence(short: readonly string[], long: readonly string[]): boolean {
  let i = 0;
  for (const value of long) if (value === short[i]) i++;
  return i === short.length;
}

async function changeTypeInPlace(
  ctx: ExecutionContext,
  table: Table,
  old: TableColumn,
  next: TableColumn,
  using: string | undefined,
): Promise<void> {
  const runner = postgresRunner(ctx.queryRunner);
  const target = runner.escapePath(table);
  const column = ctx.dialect.quoteIdentifier(old.name);
  const statements: string[] = [];
  // The old default may not cast to the new type (a varchar default on an integer); drop it
  // here and let changeColumn set the wanted default afterwards.
  const hadDefault = old.default !== undefined && old.default !== null;
  if (hadDefault) statements.push(`ALTER TABLE ${target} ALTER COLUMN ${column} DROP DEFAULT`);

  let type: string;
  let cast: string | undefined;
  if (isEnum(next)) {
    if (!(await runner.hasEnumType(table, next))) statements.push(runner.createEnumTypeSql(table, next).query);
    type = `${runner.buildEnumName(table, next)}${next.isArray ? '[]' : ''}`;
    // Text is the one type every source converts to and an enum converts from.
    cast = `${column}::text${next.isArray ? '[]' : ''}::${type}`;
  } else {
    type = ctx.dataSource.driver.createFullType(next);
    // An explicit cast to varchar(n)/char(n) cuts longer values silently (a narrowing, or the
    // downgrade of a widening, would lose data). Without USING, PostgreSQL converts as in an
    // assignment, which refuses them ("value too long for type character varying(n)").
    cast = CHARACTER_TYPES.has(String(next.type)) ? undefined : `${column}::${type}`;
  }
  const usingClause = using ?? cast;
  statements.push(`ALTER TABLE ${target} ALTER COLUMN ${column} TYPE ${type}${usingClause ? ` USING ${usingClause}` : ''}`);
  // An enum column that becomes text (or another enum type) leaves its old type unused.
  const oldEnumType = isEnum(old) && (!isEnum(next) || runner.buildEnumName(table, old) !== runner.buildEnumName(table, next));
  const unused = oldEnumType ? await enumTypesLeftUnused(ctx, table.name, [old], true) : [];
  for (const sql of statements) await ctx.sink.query(sql);
  await dropEnumTypes(ctx, unused);

  // Record what the column is now, so changeColumn sees only the remaining differences.
  const now = old.clone();
  Object.assign(now, {
    type: next.type,
    length: next.length,
    isArray: next.isArray,
    precision: next.precision,
    scale: next.scale,
    enum: next.enum,
    enumName: next.enumName,
    default: hadDefault ? undefined : old.default,
  });
  const changed = table.clone();
  changed.columns = changed.columns.map((c) => (c.name === old.name ? now : c));
  replaceTable(ctx.queryRunner, table, changed);
}
