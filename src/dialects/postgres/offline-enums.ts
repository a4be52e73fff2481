import type { QueryRunner } from 'typeorm';
import { postgresRunner } from '../../typeorm-internals';

/**
 * Offline (`--sql`), TypeORM's `createTable` asks the database whether an enum type exists before
 * it emits CREATE TYPE. The database does not change while a script is printed, so two tables
 * sharing an enum in one script would both create it. Remember the types the script creates and
 * drops, and answer TypeORM's question from that first.
 */
export function trackOfflineEnumTypes(queryRunner: QueryRunner): { observe(statement: string): void } {
  const created = new Set<string>();
  const dropped = new Set<string>();
  const runner = postgresRunner(queryRunner);
  const fromDatabase = runner.hasEnumType.bind(runner);
  runner.hasEnumType = async (table, column) => {
    const name = runner.buildEnumName(table, column, false, true);
    if (created.has(name)) return true;
    if (dropped.has(name)) return false;
    return fromDatabase(table, column);
  };
  return {
    observe(statement) {
      const create = /^CREATE TYPE (?:"[^"]+"\.)?"([^"]+)" AS ENUM/i.exec(statement);
      if (create) {
        created.add(create[1]);
        dropped.delete(create[1]);
      }
      const drop = /^DROP TYPE (?:IF EXISTS )?(?:"[^"]+"\.)?"([^"]+)"/i.exec(statement);
      if (drop) {
        dropped.add(drop[1]);
        created.delete(drop[1]);
      }
    },
  };
}
