/**
 * TypeORM reads a uuid column defaulting to `gen_random_uuid()` or `uuid_generate_v4()` as
 * generated (`generationStrategy: 'uuid'`) and forgets which function it was; creating it again
 * writes the driver's own generator (`uuid_generate_v4()` unless `uuidExtension: 'pgcrypto'`), which
 * may not even exist on the database. For `baseline`, a column whose function is not the driver's
 * becomes a plain column with its default as the catalog has it, so it is created the same.
 */
import type { QueryRunner, Table } from 'typeorm';
import { postgresDriver } from '../../typeorm-internals';
import { columnExpressions } from './column-expressions';

export async function keepUuidFunctions(queryRunner: QueryRunner, tables: Table[]): Promise<void> {
  const isUuidGenerated = (c: Table['columns'][number]) => c.isGenerated && c.generationStrategy === 'uuid';
  const withUuids = tables.filter((t) => t.columns.some(isUuidGenerated));
  if (withUuids.length === 0) return;
  const defaults = await columnExpressions(queryRunner, withUuids, 'default');
  const generator = postgresDriver(queryRunner.connection).uuidGenerator ?? 'uuid_generate_v4()';
  for (const table of withUuids) {
    for (const column of table.columns.filter(isUuidGenerated)) {
      const live = defaults(table, column.name);
      if (live === undefined || live === generator) continue;
      column.isGenerated = false;
      column.generationStrategy = undefined;
      column.default = live;
    }
  }
}
