/**
 * TypeORM reads a uuid column defaulting to `gen_random_uuid()` or `uuid_generate_v4()` as
 * generated (`generationStrategy: 'uuid'`) and forgets which function it was; creating it again
 * writes the driver's own generator (`uuid_generate_v4()` unless `uuidExtension: 'pgcrypto'`), which
 * may not even exist on the database. For `baseline`, a column whose function is not the driver's
 * becomes a plain column with its default as the catalog has it, so it is created the same.
 */
import type { QueryRunner, Table } from 'typeorm';
import { postgresDriver } from '../../typeorm-internals';
import { catalogScope } from './catalog-scope';

export async function keepUuidFunctions(queryRunner: QueryRunner, tables: Table[]): Promise<void> {
  const generated = tables.filter((t) => t.columns.some((c) => c.isGenerated && c.generationStrategy === 'uuid'));
  if (generated.length === 0) return;
  const scope = await catalogScope(queryRunner, generated);
  const rows = (await queryRunner.query(
    `SELECT table_schema AS schema, table_name AS table, column_name AS column, column_default AS "default"
       FROM information_schema.columns
      WHERE udt_name = 'uuid' AND column_default IS NOT NULL AND table_schema = ANY($1) AND table_name = ANY($2)`,
    scope.params,
  )) as { schema: string; table: string; column: string; default: string }[];
  const defaults = new Map(rows.map((r) => [`${r.schema}\u0000${r.table}\u0000${r.column}`, r.default]));
  const generator = postgresDriver(queryRunner.connection).uuidGenerator ?? 'uuid_generate_v4()';
  for (const table of generated) {
    const { schema, table: name } = scope.locate(table);
    for (const column of table.columns) {
      if (!column.isGenerated || column.generationStrategy !== 'uuid') continue;
      const live = defaults.get(`${schema}\u0000${name}\u0000${column.name}`);
      if (live === undefined || live === generator) continue;
      column.isGenerated = false;
      column.generationStrategy = undefined;
      column.default = live;
    }
  }
}
