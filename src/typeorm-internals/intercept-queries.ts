import type { QueryRunner } from 'typeorm';

/** A statement as TypeORM's schema methods send it, and the rest of `query`'s arguments. */
export type SendQuery = (query: string, ...rest: unknown[]) => Promise<unknown>;

/**
 * Run `work` with every statement this runner sends going through `intercept` first, which may
 * send it as it is (`send`), rewritten, or more than once. TypeORM's schema methods
 * (`addColumn`, `createIndex`, …) call `queryRunner.query` per statement and offer no other hook.
 * The runner's own `query` is put back afterwards, whatever `work` does.
 */
export async function withQueriesIntercepted<T>(queryRunner: QueryRunner, intercept: (send: SendQuery, query: string, ...rest: unknown[]) => Promise<unknown>, work: () => Promise<T>): Promise<T> {
  const runner = queryRunner as unknown as { query: SendQuery };
  const hadOwn = Object.prototype.hasOwnProperty.call(runner, 'query');
  const original = runner.query;
  const send: SendQuery = (query, ...rest) => original.call(runner, query, ...rest);
  runner.query = (query, ...rest) => intercept(send, query, ...rest);
  try {
    return await work();
  } finally {
    if (hadOwn) runner.query = original;
    else delete (runner as { query?: SendQuery }).query;
  }
}
