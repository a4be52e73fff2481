import type { QueryRunner } from 'typeorm';

const serialized = new WeakSet<QueryRunner>();

/**
 * From now on this runner sends its queries one at a time: each waits for the one before to
 * settle. TypeORM's PostgreSQL table loader (`loadTables`, 0.3.x and 1.x) reads user-defined
 * column types with `Promise.all` over tables and columns on one connection; with three or more
 * in flight, pg queues them itself and warns (DeprecationWarning: "Calling client.query() when
 * the client is already executing a query", removed in pg 9). One connection runs one query at a
 * time anyway, so waiting here changes nothing but where the wait happens. Once per runner.
 */
export function queryOneAtATime(queryRunner: QueryRunner): void {
  if (serialized.has(queryRunner)) return;
  serialized.add(queryRunner);
  const query = queryRunner.query.bind(queryRunner) as (...args: unknown[]) => Promise<unknown>;
  let previous: Promise<unknown> = Promise.resolve();
  queryRunner.query = ((...args: unknown[]) => {
    const next = previous.then(() => query(...args));
    previous = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
}
