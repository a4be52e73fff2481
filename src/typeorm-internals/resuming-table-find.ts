/**
 * The other half of TypeORM's quadratic table lookups (table-path-memo.ts is the first): each step
 * of the schema builder walks the entities in order and, for each, scans the runner's table cache
 * from its start for the table of that path. The cache holds the tables in the same order as the
 * entities (loaded for their paths, or created one by one for them), so a scan that resumes after
 * the previous match finds the next one at once, and the steps become linear.
 *
 * A scan that resumes elsewhere returns what `Array.prototype.find` returns as long as at most one
 * element matches. Every `find` TypeORM runs on this cache (RdbmsSchemaBuilder and BaseQueryRunner,
 * 0.3.x and 1.x) matches by table path, and the cache holds one table per path: it is loaded from
 * the database, and TypeORM adds a table only when it found none of that path.
 */

/** Give this array (a runner's `loadedTables`) a `find` that starts after its previous match. */
export function resumeTableFinds<T>(tables: T[]): T[] {
  let next = 0;
  Object.defineProperty(tables, 'find', {
    configurable: true,
    writable: true,
    enumerable: false,
    value: function resumingFind(this: T[], matches: (value: T, index: number, array: T[]) => unknown, thisArg?: unknown): T | undefined {
      const length = this.length;
      const start = next < length ? next : 0;
      for (let k = 0; k < length; k++) {
        const i = (start + k) % length;
        if (matches.call(thisArg, this[i], i, this)) {
          next = i + 1;
          return this[i];
        }
      }
      return undefined;
    },
  });
  return tables;
}
