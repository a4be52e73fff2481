/**
 * `include` / `exclude`: which tables autogenerate and check consider. Tables another tool owns
 * (a session store's `sessions`, a job queue's tables) are never created, altered or dropped, and
 * their indexes and foreign keys are left alone. Patterns are glob-style (`*` any run of
 * characters, `?` one) and match the table name or `schema.table`, as Alembic's include_name and
 * Drizzle's tablesFilter do.
 */
import type { Op } from '../ops/types';
import { opTables } from '../ops/op-tables';
import { splitTableName } from '../ops/table-path';
import type { TablePatterns } from '../config/types';

export type { TablePatterns };

/** Whether autogenerate considers a table, given its name as TypeORM spells it. */
export type TableFilter = (table: string) => boolean;

/** Undefined when every table is considered. */
export function tableFilter(patterns: TablePatterns, defaultSchema?: string): TableFilter | undefined {
  const include = patterns.include?.map(globToRegExp);
  const exclude = patterns.exclude?.map(globToRegExp) ?? [];
  if (!include && exclude.length === 0) return undefined;
  return (table) => {
    const names = spellings(table, defaultSchema);
    const matches = (res: RegExp[]) => res.some((re) => names.some((n) => re.test(n)));
    return (!include || matches(include)) && !matches(exclude);
  };
}

/** The ops that touch only considered tables. */
export function filterOps(ops: readonly Op[], consider: TableFilter): Op[] {
  return ops.filter((op) => opTables(op).every(consider));
}

/** `sessions` and `public.sessions` for a table in the default schema; `audit.event` and `event`. */
function spellings(table: string, defaultSchema?: string): string[] {
  const { schema, name } = splitTableName(table);
  if (schema !== undefined) return [table, name];
  return defaultSchema ? [table, `${defaultSchema}.${table}`] : [table];
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
