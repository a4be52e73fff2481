/** Finding a table in a loaded list by the path an entity or op spells. */
import type { Table } from 'typeorm';
import { bareTableName, splitTableName } from '../../ops/table-path';

/** The loaded table at `path` (`audit.event`, or `event` in the default schema). */
export function findTable(tables: readonly Table[], path: string): Table | undefined {
  const { schema, name } = splitTableName(path);
  return tables.find((t) => t.name === path) ?? tables.find((t) => bareTableName(t.name) === name && schema === undefined);
}
