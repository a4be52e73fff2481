/** PostgreSQL: transactional DDL, schemas, and in-place type changes. */
import { postgresAlterColumn } from './postgres-alter-column';
import { postgresDropTable } from './postgres-drop-table';
import { isConcurrentIndexOp } from '../ops/concurrent-index';
import type { Dialect } from './dialect';
import { trackOfflineEnumTypes } from './postgres-offline-enums';
import { quotePath, quoteString, quoteWith, renderLiteral } from './sql-text';

const quoteIdentifier = (name: string): string => quoteWith('"', name);

export const postgresDialect: Dialect = {
  name: 'postgres',
  transactionalDdl: true,
  multiStatementQueries: true,
  beginStatement: 'BEGIN;',
  commitStatement: 'COMMIT;',
  quoteIdentifier,
  quoteTableName: (name) => quotePath(quoteIdentifier, name),

  literal: (value) =>
    renderLiteral(value, {
      boolean: (b) => (b ? 'TRUE' : 'FALSE'),
      date: (d) => `'${d.toISOString()}'`,
      bytes: (bytes) => `'\\x${Buffer.from(bytes).toString('hex')}'::bytea`,
      // standard_conforming_strings is on by default since 9.1: only quotes need doubling.
      string: (s) => quoteString(s),
    }),


  runsOutsideTransaction: isConcurrentIndexOp,
  trackOfflineScript: trackOfflineEnumTypes,

  opOverrides: {
    alterColumn: postgresAlterColumn,
    dropTable: postgresDropTable,
    async createSchema(op, ctx) {
      await ctx.sink.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(op.schema)}`);
    },
    async dropSchema(op, ctx) {
      // No CASCADE: dropping a schema that still holds tables is an error, not a data loss.
      await ctx.sink.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(op.schema)}`);
    },
  },
};
