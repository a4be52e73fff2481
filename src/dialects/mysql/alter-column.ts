/**
 * MySQL/MariaDB alterColumn that never loses data. TypeORM's `changeColumn` drops and re-adds a
 * column whose type, length or auto-increment changes; `MODIFY COLUMN` with the new definition
 * converts the values in place instead. `changeColumn` then handles what is left (rename,
 * uniqueness, primary key), which it does without dropping anything.
 */
import { columnToAlter, findColumn } from '../../ops/impl/lookup';
import { changesStorageType, copyColumnFields } from '../../ops/impl/merge-column';
import { replaceCachedColumn, replaceTable } from '../../ops/table-cache';
import type { OpImplementation } from '../../ops/execution';
import { mysqlRunner } from '../../typeorm-internals';

/** What MODIFY COLUMN sets; the rest (name, keys) is left to changeColumn. */
const DEFINITION_KEYS = [
  'type', 'length', 'precision', 'scale', 'width', 'unsigned', 'zerofill', 'charset', 'collation',
  'isNullable', 'default', 'comment', 'onUpdate', 'isGenerated', 'generationStrategy', 'enum',
] as const;

export const mysqlAlterColumn: OpImplementation<'alterColumn'> = async (op, ctx) => {
  const { table, old, next } = await columnToAlter(op, ctx);
  const autoIncrementChanges = !!old.isGenerated !== !!next.isGenerated && next.generationStrategy !== 'uuid';
  if ((changesStorageType(old, next) || autoIncrementChanges) && !next.asExpression) {
    const now = old.clone();
    copyColumnFields(now, next, DEFINITION_KEYS);
    const runner = mysqlRunner(ctx.queryRunner);
    await ctx.sink.query(`ALTER TABLE ${runner.escapePath(table)} MODIFY COLUMN ${runner.buildCreateColumnSql(now, true)}`);
    const changed = table.clone();
    changed.columns = changed.columns.map((c) => (c.name === old.name ? now : c));
    replaceTable(ctx.queryRunner, table, changed);
  }
  const current = findColumn(table, op.table, op.column);
  await ctx.sink.viaQueryRunner((qr) => qr.changeColumn(op.table, current, next));
  replaceCachedColumn(ctx.queryRunner, op.table, op.column, next);
};
