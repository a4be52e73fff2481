import { postgresRunner } from '../../typeorm-internals';
import type { DialectOfflineScript } from '../dialect';

/**
 * PostgreSQL without connecting: TypeORM would read the server version (generated columns need 12)
 * and the current schema; a script is written for a current server whose search path starts at
 * `public`.
 */
export const postgresOfflineScript: DialectOfflineScript = {
  // The search path's first schema, as a fresh database has it: TypeORM leaves names in it unqualified.
  // A data source `schema` stays the driver's own (set from the options), so its tables are qualified.
  driverState: () => ({ version: '15.0', searchSchema: 'public', flags: { isGeneratedColumnsSupported: true } }),
  detach: (queryRunner) => {
    const runner = postgresRunner(queryRunner);
    // No type exists before the script; the offline tracker (offline-enums.ts) answers for those it creates.
    runner.hasEnumType = async () => false;
    // A column's type is the one TypeORM named for it (its enumName, else table_column_enum), in the table's schema.
    runner.getUserDefinedTypeName = async (table, column) => {
      const [first, second] = runner.buildEnumName(table, column, true, true).split('.');
      return second === undefined ? { schema: (await queryRunner.getCurrentSchema()) ?? 'public', name: first ?? '' } : { schema: first ?? '', name: second };
    };
  },
  nowText: `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};
