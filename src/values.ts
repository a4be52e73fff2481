/**
 * What a `dataSource` value is, asked by the config (resolve-config.ts), the data-source export
 * reader (load/) and the programmatic API (runtime/migrator.ts). `{…}`-like values: is-object.ts.
 */
import type { DataSource } from 'typeorm';

/** TypeORM tags instances with `@instanceof`, which also works across two TypeORM copies. */
export function isDataSource(value: unknown): value is DataSource {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { '@instanceof'?: symbol })['@instanceof'] === Symbol.for('DataSource')
  );
}

export function isPromise(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
