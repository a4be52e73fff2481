/**
 * An empty temporary copy of a table's columns, to let PostgreSQL store a definition (an index
 * predicate, an exclusion constraint) and read back how it spells it, without touching the table.
 * Everything happens in a transaction that is rolled back.
 */
import type { QueryRunner } from 'typeorm';
import { postgresRunner } from '../../typeorm-internals';

/** The copy's name, as `fn` gets it (quoted). */
const COPY = '"entity_migrate_scratch"';

export async function onScratchCopy<T>(queryRunner: QueryRunner, table: string, fn: (copy: string) => Promise<T>): Promise<T> {
  await queryRunner.startTransaction();
  try {
    // As TypeORM's runner spells it: a bare name is in the data source's schema, not the search path's.
    await queryRunner.query(`CREATE TEMP TABLE ${COPY} (LIKE ${postgresRunner(queryRunner).escapePath(table)})`);
    return await fn(COPY);
  } finally {
    await queryRunner.rollbackTransaction();
  }
}
