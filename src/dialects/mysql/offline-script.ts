import type { DialectOfflineScript } from '../dialect';

/**
 * MySQL/MariaDB without connecting: TypeORM reads the server version and turns on what it allows.
 * Of that, only MariaDB's native `uuid` column type (10.7+) changes the DDL it writes; a script is
 * written for a current server (MariaDB 10.11, MySQL 8.0), as `connect()` would set it up.
 */
export const mysqlOfflineScript: DialectOfflineScript = {
  driverState: (dataSource) =>
    dataSource.options.type === 'mariadb' ? { version: '10.11.0', flags: { uuidColumnTypeSuported: true } } : { version: '8.0.0' },
  // UTC_TIMESTAMP(3) prints six fraction digits with %f; the history keeps three, like toISOString().
  nowText: `CONCAT(LEFT(DATE_FORMAT(UTC_TIMESTAMP(3), '%Y-%m-%dT%H:%i:%s.%f'), 23), 'Z')`,
};
