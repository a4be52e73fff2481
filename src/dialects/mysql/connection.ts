/** How MySQL and MariaDB databases are named and reached: light, loaded before the dialect itself (see ../index.ts). */
import type { DialectConnection } from '../dialect';

export const mysqlConnection: DialectConnection = {
  driverTypes: ['mysql', 'mariadb'],
  urlSchemes: ['mysql', 'mariadb'],
  fromUrl: (url, scheme) => ({ type: scheme, url }),
  urlExamples: ['mysql://', 'mariadb://'],
  fileBased: false,
  displayScheme: 'mysql',
};
