import type { DialectOfflineScript } from '../dialect';

/** SQLite without opening the file (which would create it): nothing TypeORM reads on open shapes its SQL. */
export const sqliteOfflineScript: DialectOfflineScript = {
  driverState: () => ({ version: '3.40.0' }),
  nowText: `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
};
