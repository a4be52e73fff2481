/** What a SQLite database holds that `baseline` does not recreate: its triggers. */
import type { QueryRunner } from 'typeorm';
import type { UnadoptedObject } from '../dialect';

export async function sqliteObjectsNotAdopted(queryRunner: QueryRunner): Promise<UnadoptedObject[]> {
  const rows = (await queryRunner.query(
    `SELECT "name", "tbl_name" AS "table" FROM "sqlite_master" WHERE "type" = 'trigger' ORDER BY "tbl_name", "name"`,
  )) as { name: string; table: string }[];
  return rows.map((r) => ({ kind: 'trigger', name: r.name, table: r.table }));
}
