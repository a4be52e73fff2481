import type { DataSource, QueryRunner } from 'typeorm';
import type { DialectName } from '../dialects';
import type { Operations } from '../ops/operations';

/** What a revision's `upgrade` and `downgrade` receive. */
export interface MigrationContext {
  /** The op API: cross-dialect schema and data changes. */
  op: Operations;
  /** TypeORM's query runner, inside the revision's transaction (for anything the op API lacks). */
  queryRunner: QueryRunner;
  dataSource: DataSource;
  /** Which database this is, for the rare revision that must branch on it. */
  dialect: DialectName;
  /** True when the SQL is being printed (`--sql`) rather than run: do not read data then. */
  offline: boolean;
}
