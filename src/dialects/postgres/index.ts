/** PostgreSQL: transactional DDL, schemas, in-place type changes, advisory locks. */
import { peekCachedTable, replaceTable } from '../../ops/table-cache';
import { postgresRunner } from '../../typeorm-internals';
import type { Dialect } from '../dialect';
import { postgresConnection } from './connection';
import { postgresOfflineScript } from './offline-script';
import { serverScratchDatabase } from '../scratch-database';
import { dropPostgresScratch, postgresGivenScratch } from './scratch';
import { quotePath, quoteString, quoteWith, renderLiteral } from '../sql-text';
import { postgresAdvisoryLock } from './advisory-lock';
import { postgresAlterColumn } from './alter-column';
import { postgresDropColumn } from './drop-column';
import { postgresDropTable } from './drop-table';
import { isConcurrentOnPostgres, postgresCreateIndex, postgresDropIndex } from './view-indexes';
import { postgresOnlineOps } from './online-ops';
import { postgresOnline } from './online';
import { postgresIntrospection } from './introspection';
import { postgresLocking } from './lock-impacts';
import { postgresDdlLockTimeout } from './ddl-lock-timeout';
import { trackOfflineEnumTypes } from './offline-enums';
import { driverFailures } from '../driver-error';
import { postgresAdvanceKeySequences } from './key-sequences';
import { postgresVersionGuard } from './version-guard';
import { postgresFailedInChain } from './failed-in-chain';

const quoteIdentifier = (name: string): string => quoteWith('"', name);

export const postgresDialect: Dialect = {
  name: 'postgres',
  capabilities: { transactionalDdl: true, multiStatementQueries: true, concurrentIndexes: true, schemas: true, enforcesColumnTypes: true, exclusionConstraints: true, restrictIsNoAction: false, identityColumns: true },
  connection: postgresConnection,
  introspection: postgresIntrospection,
  lock: postgresAdvisoryLock,
  locking: postgresLocking,
  offlineScript: postgresOfflineScript,
  ddlLockTimeout: postgresDdlLockTimeout,
  versionGuard: postgresVersionGuard,
  // 42P07 duplicate_table (also indexes and sequences), 42710 duplicate_object (constraints, types), 42P06 duplicate_schema.
  isAlreadyExists: (error) => driverFailures(error).some((f) => f.code === '42P07' || f.code === '42710' || f.code === '42P06'),
  createScratchDatabase: (dataSource) => serverScratchDatabase(dataSource, quoteIdentifier, dropPostgresScratch),
  givenScratch: postgresGivenScratch,
  advanceKeySequences: postgresAdvanceKeySequences,

  beginStatement: 'BEGIN;',
  commitStatement: 'COMMIT;',
  failedInChain: postgresFailedInChain,
  quoteIdentifier,
  placeholders: 'numbered',
  quoteTableName: (name) => quotePath(quoteIdentifier, name),

  literal: (value) =>
    renderLiteral(value, {
      boolean: (b) => (b ? 'TRUE' : 'FALSE'),
      date: (d) => `'${d.toISOString()}'`,
      bytes: (bytes) => `'\\x${Buffer.from(bytes).toString('hex')}'::bytea`,
      // standard_conforming_strings is on by default since 9.1: only quotes need doubling.
      string: (s) => quoteString(s),
    }),

  runsOutsideTransaction: isConcurrentOnPostgres,
  onlineOps: postgresOnlineOps,
  online: postgresOnline,
  trackOfflineScript: trackOfflineEnumTypes,

  opOverrides: {
    alterColumn: postgresAlterColumn,
    createIndex: postgresCreateIndex,
    dropIndex: postgresDropIndex,
    dropTable: postgresDropTable,
    dropColumn: postgresDropColumn,
    async createSchema(op, ctx) {
      await ctx.sink.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(op.schema)}`);
    },
    async dropSchema(op, ctx) {
      // No CASCADE: dropping a schema that still holds tables is an error, not a data loss.
      await ctx.sink.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(op.schema)}`);
    },
    async setTableComment(op, ctx) {
      // Our own statement: TypeORM 0.3's changeTableComment never records the new comment in its
      // table cache, so changing it back in the same run is skipped as "unchanged".
      const comment = op.comment === null || op.comment === '' ? 'NULL' : quoteString(op.comment);
      await ctx.sink.query(`COMMENT ON TABLE ${postgresRunner(ctx.queryRunner).escapePath(op.table)} IS ${comment}`);
      const cached = peekCachedTable(ctx.queryRunner, op.table);
      if (cached) {
        const changed = cached.clone();
        changed.comment = op.comment ?? undefined;
        replaceTable(ctx.queryRunner, cached, changed);
      }
    },
  },
};
