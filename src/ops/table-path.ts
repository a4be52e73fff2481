/**
 * Schema-qualified table names (`audit.event`): the one place that splits them.
 *
 * The rule is TypeORM's. Its drivers build a path as `schema.table` (PostgreSQL,
 * `PostgresDriver.buildTableName`) or `database.table` (MySQL) and parse it back with
 * `path.split('.')`, the schema (or database) being the part before the **first** dot
 * (`parseTableName`). A bare name has no schema. For every path TypeORM builds from dot-free
 * names, first and last dot agree; only a name that itself holds a dot tells them apart, and
 * TypeORM's own parser mishandles those either way. Splitting at the first dot keeps a dotted
 * table name whole under a dot-free schema (`s` + `a.b` → `s.a.b` → `s`, `a.b`), which is how
 * `buildTableName` wrote it.
 *
 * Not for quoting: `"a"."b"` quoting (sql-text.ts, index-predicates.ts) quotes every segment.
 */

/** `audit.event` → `{ schema: 'audit', name: 'event' }`; a bare name has no schema. */
export function splitTableName(path: string): { schema?: string; name: string } {
  const dot = path.indexOf('.');
  return dot < 0 ? { name: path } : { schema: path.slice(0, dot), name: path.slice(dot + 1) };
}

/** `audit.event` → `event`; `event` → `event`. */
export function bareTableName(path: string): string {
  return splitTableName(path).name;
}

/**
 * A table's name as ops spell it: bare in the default schema (`public.user` → `user`), qualified
 * elsewhere. TypeORM spells a table in the default schema both ways: bare for an entity's table,
 * qualified when it read the table back under a data source's `schema` option.
 */
export function localTableName(path: string, defaultSchema: string | undefined): string {
  const { schema, name } = splitTableName(path);
  return schema !== undefined && schema === defaultSchema ? name : path;
}

/**
 * Where a bare table name lives: in the data source's `schema` when it sets one, on a database
 * with schemas, as TypeORM puts unqualified tables there (its migrations table included) whatever
 * the search path says. A qualified name stays as it is.
 */
export function inDataSourceSchema(path: string, dataSource: { options: object }, capabilities: { schemas: boolean }): string {
  const options = dataSource.options as { schema?: unknown };
  const schema = capabilities.schemas && typeof options.schema === 'string' && options.schema !== '' ? options.schema : undefined;
  return schema !== undefined && splitTableName(path).schema === undefined ? `${schema}.${path}` : path;
}

/** `audit.event` renamed to `log` lives at `audit.log`; a bare `event` at `log`. */
export function renamedTablePath(from: string, to: string): string {
  const { schema } = splitTableName(from);
  return schema === undefined ? to : `${schema}.${to}`;
}
