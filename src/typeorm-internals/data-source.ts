/**
 * Building and initializing a DataSource from options we assembled ourselves (config files,
 * URLs, a user's own DataSource), where TypeORM's typings know less than the code does.
 */
import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * `new DataSource(options)` for options assembled as plain data. The caller has checked `type`
 * (a driver this TypeORM has) and the connection settings; the constructor checks the rest and
 * loads the driver package, throwing when it is missing.
 */
export function newDataSource(options: Readonly<Record<string, unknown>>): DataSource {
  return new DataSource(options as unknown as DataSourceOptions);
}

/**
 * The same options pointed at another database: `database` (a name on a server, a file for
 * SQLite) and, when given, `url`. Every driver entity-migrate serves types `database` as a string;
 * TypeORM's options union also holds sql.js's (bytes), hence the cast.
 */
export function withDatabase(options: DataSourceOptions, database: string, url?: string): DataSourceOptions {
  return { ...options, database, ...(url !== undefined ? { url } : {}) } as DataSourceOptions;
}

/** Whether the driver's `connect()` has returned since {@link watchDriverConnect}; `restore` ends the watch. */
export interface ConnectWatch {
  readonly connected: boolean;
  restore(): void;
}

/**
 * Watches `driver.connect()` (public on every driver, 0.3.x and 1.x), which `initialize()` calls
 * first: only its return tells a failure to reach the database from a failure after it (entity
 * metadata, the driver's setup). Replaced on the instance; `restore()` puts back exactly what was
 * there (an own property, or none so the class's method shows through again).
 */
export function watchDriverConnect(dataSource: DataSource): ConnectWatch {
  const driver: { connect(): Promise<void> } = dataSource.driver;
  const connect = driver.connect;
  const ownConnect = Object.prototype.hasOwnProperty.call(driver, 'connect');
  const watch = {
    connected: false,
    restore() {
      if (ownConnect) driver.connect = connect;
      else Reflect.deleteProperty(driver, 'connect');
    },
  };
  driver.connect = async function (this: unknown) {
    await connect.call(this);
    watch.connected = true;
  };
  return watch;
}
