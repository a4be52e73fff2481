/**
 * execute, bulkInsert, bulkDelete: our own SQL through the sink, parameterised (offline the sink
 * inlines the parameters as literals). Placeholders come from TypeORM's driver (`$1` / `?`).
 * A bare table name means the data source's `schema`, as in TypeORM's own ops.
 */
import type { ExecutionContext, OpImplementations } from '../execution';
import { forgetAllTables } from '../table-cache';
import { inDataSourceSchema } from '../table-path';
import type { Row } from '../types';

/** Keep well under every driver's bound-parameter limit (SQLite's old default is 999). */
const MAX_PARAMS = 900;

export const dataOps: Pick<OpImplementations, 'execute' | 'bulkInsert' | 'bulkDelete'> = {
  async execute(op, ctx) {
    await ctx.sink.query(op.sql, op.params);
    // Raw SQL may have changed any table behind TypeORM's back; live, reload on next use.
    if (!ctx.sink.offline) forgetAllTables(ctx.queryRunner);
  },

  async bulkInsert(op, ctx) {
    const table = ctx.dialect.quoteTableName(inDataSourceSchema(op.table, ctx.dataSource, ctx.dialect.capabilities));
    for (const group of groupByColumns(op.rows)) {
      const columns = Object.keys(group[0]!);
      const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
      for (let start = 0; start < group.length; start += perChunk) {
        const params = new Params(ctx);
        const values = group
          .slice(start, start + perChunk)
          .map((row) => `(${columns.map((c) => params.add(row[c])).join(', ')})`);
        const columnList = columns.map((c) => ctx.dialect.quoteIdentifier(c)).join(', ');
        await ctx.sink.query(`INSERT INTO ${table} (${columnList}) VALUES ${values.join(', ')}`, params.values);
      }
    }
  },

  async bulkDelete(op, ctx) {
    const table = ctx.dialect.quoteTableName(inDataSourceSchema(op.table, ctx.dataSource, ctx.dialect.capabilities));
    const rows = Array.isArray(op.rows) ? op.rows : [op.rows.where];
    let start = 0;
    while (start < rows.length) {
      const params = new Params(ctx);
      const conditions: string[] = [];
      while (start < rows.length && (conditions.length === 0 || params.values.length + Object.keys(rows[start]!).length <= MAX_PARAMS)) {
        conditions.push(matchRow(rows[start]!, ctx, params));
        start += 1;
      }
      await ctx.sink.query(`DELETE FROM ${table} WHERE ${conditions.join(' OR ')}`, params.values);
    }
  },
};

class Params {
  readonly values: unknown[] = [];
  constructor(private readonly ctx: ExecutionContext) {}
  add(value: unknown): string {
    const bind = this.ctx.dialect.bindValue ?? ((v: unknown) => v);
    this.values.push(bind(value === undefined ? null : value));
    return this.ctx.dataSource.driver.createParameter(`p${this.values.length}`, this.values.length - 1);
  }
}

/** `(a = $1 AND b IS NULL)`: a row is matched on every column it gives. */
function matchRow(row: Row, ctx: ExecutionContext, params: Params): string {
  const terms = Object.entries(row).map(([column, value]) => {
    const quoted = ctx.dialect.quoteIdentifier(column);
    return value === null || value === undefined ? `${quoted} IS NULL` : `${quoted} = ${params.add(value)}`;
  });
  return `(${terms.join(' AND ')})`;
}

/**
 * Rows with the same column set share one INSERT; a row that leaves a column out gets that
 * column's default rather than an explicit NULL. Order is kept (seed rows may reference earlier ones).
 */
function groupByColumns(rows: readonly Row[]): Row[][] {
  const groups: Row[][] = [];
  let key: string | undefined;
  for (const row of rows) {
    const rowKey = Object.keys(row).join('\u0000');
    if (rowKey !== key) {
      groups.push([]);
      key = rowKey;
    }
    groups[groups.length - 1]!.push(row);
  }
  return groups;
}
