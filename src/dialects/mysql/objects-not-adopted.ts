/**
 * What a MySQL/MariaDB database holds that `baseline` does not recreate: triggers, stored functions
 * and procedures, and events, all of the connection's database.
 */
import type { QueryRunner } from 'typeorm';
import type { UnadoptedObject } from '../dialect';

const OBJECTS_SQL = `
  SELECT 'trigger' AS kind, TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS \`table\`
    FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()
  UNION ALL
  SELECT LOWER(ROUTINE_TYPE), ROUTINE_NAME, NULL
    FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()
  UNION ALL
  SELECT 'event', EVENT_NAME, NULL
    FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()
   ORDER BY 1, 3, 2`;

export async function mysqlObjectsNotAdopted(queryRunner: QueryRunner): Promise<UnadoptedObject[]> {
  const rows = (await queryRunner.query(OBJECTS_SQL)) as { kind: string; name: string; table: string | null }[];
  return rows.map((r) => ({ kind: r.kind, name: r.name, ...(r.table !== null && { table: r.table }) }));
}
