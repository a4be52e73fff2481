/**
 * The other half of TypeORM's quadratic table lookups (table-path-memo.ts is the first): each step
 * of the schema builder walks the entities in order and, for each, scans the runner's table cache
 * from its start for the table of that path. The cache holds the tables in the same order as the
 * entities when created one by one for them, and in one fixed order when loaded: a scan that resumes
 * after the previous match, or tries first what followed it in the previous step, finds the next
 * table at once, and the steps become linear.
 *
 * A scan that resumes elsewhere returns what `Array.prototype.find` returns as long as at most one
 * element matches. Every `find` TypeORM runs on this cache (RdbmsSchemaBuilder and BaseQueryRunner,
 * 0.3.x and 1.x) matches by table path, and the cache holds one table per path: it is loaded from
 * the database, and TypeORM adds a table only when it found none of that path.
 */

/**
 * Give this array (a runner's `loadedTables`) a `find` that first tries the element that followed
 * the previous match the last time (each step walks the entities in the same order, and tables
 * loaded from the database need not be in that order), then scans on from the previous match.
 */
export function resumeTableFinds<T>(tables: T[]): T[] {
  let previous = -1;
  const followers = new Map<number, number>();
  Object.defineProperty(tables, 'find', {
    configurable: true,
    writable: true,
    enumerable: false,
    value: function resumingFind(this: T[], matches: (value: T, index: number, array: T[]) => unknown, thisArg?: unknown): T | undefined {
      const length = this.length;
      const found = (i: number): T => {
        followers.set(previous, i);
        previous = i;
        return this[i];
      };
      const guess = followers.get(previous);
      if (guess !== undefined && guess < length && matches.call(thisArg, this[guess], guess, this)) return found(guess);
      const start = previous + 1 < length ? previous + 1 : 0;
      for (let k = 0; k < length; k++) {
        const i = (start + k) % length;
        if (matches.call(thisArg, this[i], i, this)) return found(i);
      }
      return undefined;
    },
  });
  return tables;
}
