/**
 * TypeORM's schema builder and query runner find a table by its path, in a scan of all tables,
 * once per entity in each of the builder's steps: `tables.find((t) => getTablePath(t) ===
 * getTablePath(metadata))`. Every `getTablePath` parses and rebuilds the name
 * (`driver.parseTableName`, which walks prototypes in `InstanceChecker`, then `buildTableName`), so
 * with 2,000 entities autogenerate spent about 30 of its 40 CPU seconds building the same paths.
 *
 * The memo keeps each object's path together with the fields it was built from, and builds it
 * again when any of them changed (a table renamed in the runner's cache, an entity's schema hidden
 * while the builder runs on SQLite), so it returns exactly what TypeORM's method would.
 */

/** What TypeORM's `parseTableName` reads of a `Table`, `View`, `TableForeignKey` or `EntityMetadata`. */
const PATH_FIELDS = ['name', 'schema', 'database', 'tableName', 'referencedTableName', 'referencedSchema', 'referencedDatabase'] as const;

/** And of the owner: the builder fills in its current schema and database. */
const OWNER_FIELDS = ['currentSchema', 'currentDatabase'] as const;

interface Remembered {
  readonly fields: unknown[];
  readonly path: string;
}

type Fields = Record<string, unknown>;

interface HasTablePath {
  getTablePath(target: unknown): string;
}

/**
 * Replace `getTablePath` (protected on TypeORM's schema builder and query runners) by a memoized
 * one, on this instance; an object without the method is left as it is.
 */
export function memoizeTablePaths(instance: object): void {
  const owner = instance as HasTablePath;
  const build = owner.getTablePath;
  if (typeof build !== 'function') return;
  const memo = new WeakMap<object, Remembered>();
  owner.getTablePath = function memoizedTablePath(this: HasTablePath, target: unknown): string {
    if (typeof target !== 'object' || target === null) return build.call(this, target);
    const remembered = memo.get(target);
    if (remembered && unchanged(remembered.fields, this as unknown as Fields, target as Fields)) return remembered.path;
    const path = build.call(this, target);
    memo.set(target, { fields: fieldsOf(this as unknown as Fields, target as Fields), path });
    return path;
  };
}

function fieldsOf(owner: Fields, target: Fields): unknown[] {
  return [...PATH_FIELDS.map((f) => target[f]), ...OWNER_FIELDS.map((f) => owner[f])];
}

// No array is built on the hit path: it runs millions of times.
function unchanged(fields: unknown[], owner: Fields, target: Fields): boolean {
  for (let i = 0; i < PATH_FIELDS.length; i++) if (target[PATH_FIELDS[i]] !== fields[i]) return false;
  for (let i = 0; i < OWNER_FIELDS.length; i++) if (owner[OWNER_FIELDS[i]] !== fields[PATH_FIELDS.length + i]) return false;
  return true;
}
