/**
 * Check constraints on MySQL/MariaDB. TypeORM's MySQL runner refuses them ("MySql does not support
 * check constraints") and its createTable leaves an entity's `@Check`s out silently, though both
 * servers enforce them. Here createCheck and dropCheck are plain ALTER TABLE statements, and a
 * createTable adds its checks after the table. TypeORM's loaded tables never hold checks, so a
 * drop goes by name and the cached table stays as it is.
 */
import type { OpImplementation } from '../../ops/execution';
import { OpError } from '../../errors';
import { tableOps } from '../../ops/impl/table-ops';
import type { CheckSpec } from '../../ops/types';
import { mysqlRunner } from '../../typeorm-internals';
import type { ExecutionContext } from '../../ops/execution';
import { quoteWith } from '../sql-text';

const quote = (name: string) => quoteWith('`', name);

async function addCheck(ctx: ExecutionContext, table: string, check: CheckSpec): Promise<void> {
  const name = check.name ? `CONSTRAINT ${quote(check.name)} ` : '';
  await ctx.sink.query(`ALTER TABLE ${mysqlRunner(ctx.queryRunner).escapePath(table)} ADD ${name}CHECK (${check.expression})`);
}

export const mysqlCreateCheck: OpImplementation<'createCheck'> = (op, ctx) => addCheck(ctx, op.table, op.check);

export const mysqlDropCheck: OpImplementation<'dropCheck'> = async (op, ctx) => {
  const name = typeof op.check === 'string' ? op.check : op.check.name;
  if (!name) throw new OpError('OP_INVALID', `table "${op.table}": dropCheck needs the check's name on this database`);
  await ctx.sink.query(`ALTER TABLE ${mysqlRunner(ctx.queryRunner).escapePath(op.table)} DROP CONSTRAINT ${quote(name)}`);
};

export const mysqlCreateTable: OpImplementation<'createTable'> = async (op, ctx) => {
  await tableOps.createTable(op, ctx);
  for (const check of op.table.checks ?? []) await addCheck(ctx, op.table.name, check);
};
