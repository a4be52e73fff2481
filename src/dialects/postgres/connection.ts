/** How PostgreSQL databases are named and reached: light, loaded before the dialect itself (see ../index.ts). */
import type { DialectConnection } from '../dialect';

export const postgresConnection: DialectConnection = {
  driverTypes: ['postgres'],
  urlSchemes: ['postgres', 'postgresql'],
  fromUrl: (url) => ({ type: 'postgres', url }),
  urlExamples: ['postgres://'],
  fileBased: false,
  // libpq's own variables, which the pg driver reads too.
  environmentVariables: { host: 'PGHOST', database: 'PGDATABASE' },
  displayScheme: 'postgres',
};
