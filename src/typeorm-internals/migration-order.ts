/**
 * The order (and the names) TypeORM gives a DataSource's migrations, taken from TypeORM itself:
 * `MigrationExecutor.getMigrations()` (protected) reads each instance's `name`, else its class
 * name, takes the last 13 characters as the timestamp, throws TypeORM's own error when they are not
 * one, refuses duplicate names, and sorts by timestamp. 0.3.x and 1.x differ in details (`||` vs
 * `??` for the name, `connection` vs `dataSource`), so the method runs on a stand-in executor that
 * offers both, rather than being copied.
 */
import { MigrationExecutor, type MigrationInterface } from 'typeorm';

export interface OrderedTypeormMigration {
  /** TypeORM's name for it: the `name` it sets, or its class name; what the migrations table records. */
  name: string;
  /** The class name's (or `name`'s) last 13 digits. */
  timestamp: number;
  instance: MigrationInterface;
}

interface GetMigrations {
  getMigrations(this: unknown): { name: string; timestamp: number; instance?: MigrationInterface }[];
}

/** `instances` as TypeORM would run them; throws TypeORM's error for a name without a timestamp. */
export function typeormMigrationOrder(instances: readonly MigrationInterface[]): OrderedTypeormMigration[] {
  const proto = MigrationExecutor.prototype as unknown as GetMigrations & { checkForDuplicateMigrations: unknown };
  if (typeof proto.getMigrations !== 'function' || typeof proto.checkForDuplicateMigrations !== 'function') {
    throw new Error("This TypeORM's MigrationExecutor has no getMigrations()/checkForDuplicateMigrations(); entity-migrate cannot order its migrations");
  }
  const owner = { migrations: [...instances] };
  const executor = Object.assign(Object.create(proto) as object, { dataSource: owner, connection: owner });
  return proto.getMigrations.call(executor).map((m) => ({ name: m.name, timestamp: m.timestamp, instance: m.instance! }));
}
