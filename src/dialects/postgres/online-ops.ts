/**
 * Online ops on PostgreSQL (`{ online: true }`, and indexes marked `isConcurrent`): the same
 * change in steps that each hold a write-blocking lock only for a catalog update.
 *
 * - index: `CREATE/DROP INDEX CONCURRENTLY`, outside any transaction;
 * - unique: a concurrent unique index, then `ADD CONSTRAINT … UNIQUE USING INDEX` (instant);
 * - foreign key, check: `ADD … NOT VALID` (instant), then `VALIDATE CONSTRAINT` in a transaction
 *   of its own, which scans under SHARE UPDATE EXCLUSIVE (writes go on);
 * - `SET NOT NULL`: a validated `CHECK (col IS NOT NULL)` first, which PostgreSQL 12+ takes as
 *   proof and skips the scan under ACCESS EXCLUSIVE; then the check is dropped.
 *
 * Each step commits on its own, so a run may stop between two of them (a kill, a lock timeout, a
 * duplicate that fails the unique build). Before each step the catalog is asked what is already
 * there: a constraint that exists is not added again, one already valid is not validated again,
 * and a concurrent build that failed, which leaves an INVALID index behind, is dropped and built
 * again. Offline (`--sql`) the catalog says nothing about the database the script will meet, so
 * every step is printed.
 */
import { TableUnique, type Table, type TableColumn } from 'typeorm';
import { transactionSteps, type ExecutionContext, type OpImplementation, type OpImplementations } from '../../ops/execution';
import { findColumn, tableOf } from '../../ops/impl/lookup';
import { replaceCachedColumn, replaceTable } from '../../ops/table-cache';
import { toTableCheck, toTableForeignKey, toTableIndex, toTableUnique } from '../../ops/to-typeorm';
import type { IndexSpec, OpOf } from '../../ops/types';
import { postgresRunner } from '../../typeorm-internals';
import { quoteWith } from '../sql-text';
import { postgresAlterColumn } from './alter-column';
import { tablePath } from './enum-types';

const quote = (name: string): string => quoteWith('"', name);

/** PostgreSQL cuts identifiers at 63 bytes; a longer name would be found under its cut form only. */
const MAX_IDENTIFIER_BYTES = 63;

type ConstraintState = 'missing' | 'not valid' | 'valid';

/** Whether the table has the constraint, and whether it is validated (`pg_constraint.convalidated`). */
async function constraintState(ctx: ExecutionContext, tableName: string, name: string): Promise<ConstraintState> {
  if (ctx.sink.offline) return 'missing';
  const { schema, table } = await tablePath(ctx.queryRunner, tableName);
  const rows = (await ctx.queryRunner.query(
    `SELECT c.convalidated AS valid FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND t.relname = $2 AND c.conname = $3`,
    [schema, table, name],
  )) as { valid: boolean }[];
  if (rows.length === 0) return 'missing';
  return rows[0]!.valid ? 'valid' : 'not valid';
}

type IndexState = 'missing' | 'invalid' | 'valid';

/** Whether the index exists, and whether a concurrent build finished it (`pg_index.indisvalid`). */
async function indexState(ctx: ExecutionContext, schema: string, name: string): Promise<IndexState> {
  if (ctx.sink.offline) return 'missing';
  const rows = (await ctx.queryRunner.query(
    `SELECT i.indisvalid AS valid FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_index i ON i.indexrelid = c.oid
      WHERE n.nspname = $1 AND c.relname = $2`,
    [schema, name],
  )) as { valid: boolean }[];
  if (rows.length === 0) return 'missing';
  return rows[0]!.valid ? 'valid' : 'invalid';
}

/**
 * Build an index with `CREATE … CONCURRENTLY` (no transaction may be open): nothing when a valid
 * one is there, and an invalid one left by a failed build is dropped first.
 */
async function buildConcurrently(ctx: ExecutionContext, schema: string, name: string, createSql: string): Promise<void> {
  const state = await indexState(ctx, schema, name);
  if (state === 'valid') return;
  if (state === 'invalid') await ctx.sink.query(`DROP INDEX CONCURRENTLY IF EXISTS ${quote(schema)}.${quote(name)}`);
  await ctx.sink.query(createSql);
}

/** Record in the runner's table cache what our own SQL did, so later ops of the run see it. */
function updateCache(ctx: ExecutionContext, table: Table, change: (table: Table) => void): void {
  const changed = table.clone();
  change(changed);
  replaceTable(ctx.queryRunner, table, changed);
}

const truncated = (name: string): string => Buffer.from(name).subarray(0, MAX_IDENTIFIER_BYTES).toString();

/** The index name TypeORM would give (its naming strategy), when the spec has none. */
function indexName(ctx: ExecutionContext, table: Table, index: IndexSpec): string {
  return index.name ?? ctx.dataSource.namingStrategy.indexName(table, index.columnNames, index.where);
}

/** `CREATE INDEX CONCURRENTLY` outside the transaction (the runner put it there), safe to repeat. */
export const createIndexConcurrently: OpImplementation<'createIndex'> = async (op, ctx) => {
  const table = await tableOf(ctx, op.table);
  const index = toTableIndex({ ...op.index, isConcurrent: true });
  index.name = truncated(indexName(ctx, table, op.index));
  const { schema } = await tablePath(ctx.queryRunner, op.table);
  await buildConcurrently(ctx, schema, index.name, postgresRunner(ctx.queryRunner).createIndexSql(table, index).query);
  if (!table.indices.some((i) => i.name === index.name)) updateCache(ctx, table, (t) => t.addIndex(index));
};

/**
 * `DROP INDEX CONCURRENTLY IF EXISTS`. TypeORM's dropIndex writes CONCURRENTLY only for an index
 * object that says so, and the one loaded from the catalog never does.
 */
export const dropIndexConcurrently: OpImplementation<'dropIndex'> = async (op, ctx) => {
  const table = await tableOf(ctx, op.table);
  const name = typeof op.index === 'string' ? op.index : indexName(ctx, table, op.index);
  const { schema } = await tablePath(ctx.queryRunner, op.table);
  await ctx.sink.query(`DROP INDEX CONCURRENTLY IF EXISTS ${quote(schema)}.${quote(name)}`);
  const cached = table.indices.find((i) => i.name === name);
  if (cached) updateCache(ctx, table, (t) => t.removeIndex(cached));
};

const createUnique: OpImplementation<'createUnique'> = async (op, ctx) => {
  await addUnique(ctx, op.table, await tableOf(ctx, op.table), toTableUnique(op.unique));
};

/** A concurrent unique index (outside any transaction), then `ADD CONSTRAINT … UNIQUE USING INDEX`. */
async function addUnique(ctx: ExecutionContext, tableName: string, table: Table, unique: TableUnique): Promise<void> {
  const name = truncated(unique.name ?? ctx.dataSource.namingStrategy.uniqueConstraintName(table, unique.columnNames));
  unique.name = name;
  const path = postgresRunner(ctx.queryRunner).escapePath(table);
  const steps = transactionSteps(ctx);
  if ((await constraintState(ctx, tableName, name)) === 'missing') {
    const { schema } = await tablePath(ctx.queryRunner, tableName);
    const columns = unique.columnNames.map(quote).join(', ');
    await steps.outside(() => buildConcurrently(ctx, schema, name, `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ${quote(name)} ON ${path} (${columns})`));
    const deferrable = unique.deferrable ? ` DEFERRABLE ${unique.deferrable}` : '';
    await steps.own(() => ctx.sink.query(`ALTER TABLE ${path} ADD CONSTRAINT ${quote(name)} UNIQUE USING INDEX ${quote(name)}${deferrable}`));
  }
  if (!table.uniques.some((u) => u.name === name)) updateCache(ctx, table, (t) => t.addUniqueConstraint(unique));
}

/** `ADD … NOT VALID` in a short transaction, then `VALIDATE CONSTRAINT` in another; each skipped when done. */
async function addValidated(ctx: ExecutionContext, tableName: string, table: Table, name: string, addSql: string): Promise<void> {
  const state = await constraintState(ctx, tableName, name);
  const steps = transactionSteps(ctx);
  if (state === 'missing') await steps.own(() => ctx.sink.query(`${addSql} NOT VALID`));
  if (state !== 'valid') {
    const path = postgresRunner(ctx.queryRunner).escapePath(table);
    await steps.own(() => ctx.sink.query(`ALTER TABLE ${path} VALIDATE CONSTRAINT ${quote(name)}`));
  }
}

const createForeignKey: OpImplementation<'createForeignKey'> = async (op, ctx) => {
  const table = await tableOf(ctx, op.table);
  const foreignKey = toTableForeignKey(op.foreignKey);
  foreignKey.name = truncated(
    foreignKey.name ?? ctx.dataSource.namingStrategy.foreignKeyName(table, foreignKey.columnNames, foreignKey.referencedTableName, foreignKey.referencedColumnNames),
  );
  await addValidated(ctx, op.table, table, foreignKey.name, postgresRunner(ctx.queryRunner).createForeignKeySql(table, foreignKey).query);
  if (!table.foreignKeys.some((f) => f.name === foreignKey.name)) updateCache(ctx, table, (t) => t.addForeignKey(foreignKey));
};

const createCheck: OpImplementation<'createCheck'> = async (op, ctx) => {
  const table = await tableOf(ctx, op.table);
  const check = toTableCheck(op.check);
  check.name = truncated(check.name ?? ctx.dataSource.namingStrategy.checkConstraintName(table, check.expression!));
  await addValidated(ctx, op.table, table, check.name, postgresRunner(ctx.queryRunner).createCheckConstraintSql(table, check).query);
  if (!table.checks.some((c) => c.name === check.name)) updateCache(ctx, table, (t) => t.addCheckConstraint(check));
};

/** The temporary check's name: one per column, so a re-run finds the one an interrupted run added. */
function notNullCheckName(table: Table, column: TableColumn): string {
  const bare = table.name.split('.').pop()!;
  return truncated(`CHK_${bare}_${column.name}_not_null`);
}

/**
 * An alter's online parts: `SET NOT NULL` (see `setNotNull`) and a column made unique (a
 * concurrent unique index, attached). Its other changes run as usual afterwards.
 */
const alterColumn: OpImplementation<'alterColumn'> = async (op, ctx) => {
  const { isNullable, isUnique, ...rest } = op.changes;
  if (isNullable === false) await setNotNull(ctx, op.table, op.column);
  if (isUnique === true) {
    const column = findColumn(await tableOf(ctx, op.table), op.table, op.column);
    if (!column.isUnique) {
      // The name TypeORM's changeColumn would give, which autogenerate compares with.
      await addUnique(ctx, op.table, await tableOf(ctx, op.table), new TableUnique({ columnNames: [column.name] }));
      const now = column.clone();
      now.isUnique = true;
      replaceCachedColumn(ctx.queryRunner, op.table, column.name, now);
    }
  }
  const left = { ...rest, ...(isNullable !== undefined && isNullable !== false && { isNullable }), ...(isUnique !== undefined && isUnique !== true && { isUnique }) };
  if (Object.keys(left).length > 0) await postgresAlterColumn({ ...op, changes: left } satisfies OpOf<'alterColumn'>, ctx);
};

/**
 * `SET NOT NULL` without the scan under ACCESS EXCLUSIVE: a `CHECK (col IS NOT NULL) NOT VALID`,
 * validated, lets PostgreSQL 12+ set NOT NULL at once; the check is then dropped (same transaction).
 */
async function setNotNull(ctx: ExecutionContext, tableName: string, columnName: string): Promise<void> {
  const table = await tableOf(ctx, tableName);
  const column = findColumn(table, tableName, columnName);
  if (column.isNullable) {
    const name = notNullCheckName(table, column);
    const path = postgresRunner(ctx.queryRunner).escapePath(table);
    const quoted = quote(column.name);
    await addValidated(ctx, tableName, table, name, `ALTER TABLE ${path} ADD CONSTRAINT ${quote(name)} CHECK (${quoted} IS NOT NULL)`);
    await transactionSteps(ctx).own(() =>
      ctx.sink.queryMany([`ALTER TABLE ${path} ALTER COLUMN ${quoted} SET NOT NULL`, `ALTER TABLE ${path} DROP CONSTRAINT ${quote(name)}`]),
    );
    const now = column.clone();
    now.isNullable = false;
    replaceCachedColumn(ctx.queryRunner, tableName, column.name, now);
  }
}

/** The kinds with an online form here; the index kinds run through `runsOutsideTransaction`. */
export const postgresOnlineOps: Partial<OpImplementations> = {
  createUnique,
  createForeignKey,
  createCheck,
  alterColumn,
};
