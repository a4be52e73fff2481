/**
 * TypeORM's MySQL/MariaDB runner and driver (`MysqlQueryRunner`, `MysqlDriver`; 0.3.x and 1.x).
 */
import type { DataSource, QueryRunner, Table, TableColumn, View } from 'typeorm';
import { checkedView } from './checked-view';

/** Protected members of `MysqlQueryRunner`. */
export interface MysqlRunnerInternals {
  /** `` `database`.`table` `` or `` `table` ``, quoted. */
  escapePath(target: Table | View | string): string;
  /** A column's definition as in CREATE TABLE (`` `name` varchar(255) NOT NULL … ``). */
  buildCreateColumnSql(column: TableColumn, skipPrimary: boolean, skipName?: boolean): string;
}

const runnerView = checkedView<QueryRunner, MysqlRunnerInternals>('MysqlQueryRunner', ['escapePath', 'buildCreateColumnSql']);

/** The MySQL runner with its protected helpers. The runner must be a MySQL/MariaDB one. */
export function mysqlRunner(queryRunner: QueryRunner): QueryRunner & MysqlRunnerInternals {
  return runnerView(queryRunner);
}

/** Members of `MysqlDriver` that the `Driver` interface lacks. */
export interface MysqlDriverInternals {
  /** The length TypeORM writes for a column without one: '255' for varchar/varbinary, else ''. */
  getColumnLength(column: Pick<TableColumn, 'type' | 'length'>): string;
}

const driverView = checkedView<object, MysqlDriverInternals>('MysqlDriver', ['getColumnLength']);

/** The data source's MySQL/MariaDB driver. */
export function mysqlDriver(dataSource: DataSource): MysqlDriverInternals {
  return driverView(dataSource.driver);
}
