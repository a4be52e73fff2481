/**
 * The example shop through the built CLI on MariaDB (type 'mariadb'). Named for the `mysql`
 * pattern that `npm run test:typeorm-0.3` leaves out, like the other MariaDB suites.
 */
import { createMysqlDatabase } from '../helpers/databases';
import { describeShop } from './shop-scenario';

describeShop('the shop app on mariadb', createMysqlDatabase, { timeout: 300_000 });
