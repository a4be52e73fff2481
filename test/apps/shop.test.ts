/**
 * The example shop (examples/shop, 47 entities) through the built CLI on PostgreSQL and SQLite;
 * shop-mysql.test.ts runs the same scenario on MariaDB. See shop-scenario.ts.
 */
import { createPostgresDatabase, createSqliteDatabase } from '../helpers/databases';
import { describeShop } from './shop-scenario';

describeShop('the shop app on postgres', createPostgresDatabase, { timeout: 180_000 });
describeShop('the shop app on sqlite', createSqliteDatabase, { timeout: 180_000 });
