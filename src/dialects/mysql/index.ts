/** MySQL and MariaDB: DDL commits implicitly (not transactional), backtick quoting, MODIFY COLUMN. */
import type { Dialect } from '../dialect';
import { mysqlConnection } from './connection';
import { mysqlOfflineScript } from './offline-script';
import { mysqlAlterColumn } from './alter-column';
import { mysqlCatalogViews } from './catalog-views';
import { mysqlObjectsNotAdopted } from './objects-not-adopted';
import { completeMysqlDisplayWidths } from './display-widths';
import { completeMysqlGeneratedColumns } from './generated-columns';
import { sameMysqlGeneratedExpression } from './generated-expressions';
import { mysqlRawChecks, mysqlRawIndexes, mysqlTableChecks } from './raw-table-statements';
import { mysqlCreateCheck, mysqlCreateTable, mysqlDropCheck } from './check-constraints';
import { sameMysqlCheck } from './check-expressions';
import { correctTableLoading, fixMysqlLoadedTables } from './loaded-tables';
import { serverScratchDatabase } from '../scratch-database';
import { dropMysqlScratch, mysqlGivenScratch } from './scratch';
import { quotePath, quoteString, quoteWith, renderLiteral, textualLiterals } from '../sql-text';
import { mysqlLocking } from './lock-impacts';
import { mysqlDdlLockTimeout } from './ddl-lock-timeout';
import { mysqlNamedLock } from './named-lock';
import { mysqlOnline, wantsOnlineAlters, withOnlineAlters } from './online-alter';
import { unbuildableSpatialIndexes } from './spatial-indexes';
import { driverFailures } from '../driver-error';

const quoteIdentifier = (name: string): string => quoteWith('`', name);

export const mysqlDialect: Dialect = {
  name: 'mysql',
  capabilities: { transactionalDdl: false, multiStatementQueries: false, concurrentIndexes: false, schemas: false, enforcesColumnTypes: true, exclusionConstraints: false, restrictIsNoAction: true, identityColumns: false },
  connection: mysqlConnection,
  introspection: {
    defaultSchema: async () => undefined,
    existingSchemas: async () => new Set(),
    /** Only the connection's own database: TypeORM's getTables() without names reads them all. */
    async tableNames(db) {
      const rows = (await db.query(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'`,
      )) as { name: string }[];
      return rows.map((r) => r.name);
    },
    fixLoadedTables: fixMysqlLoadedTables,
    unbuildableIndexes: unbuildableSpatialIndexes,
    catalogViews: mysqlCatalogViews,
    completeGeneratedColumns: completeMysqlGeneratedColumns,
    sameGeneratedExpression: sameMysqlGeneratedExpression,
    completeColumnTypes: completeMysqlDisplayWidths,
    rawIndexes: mysqlRawIndexes,
    rawChecks: mysqlRawChecks,
    unmanagedChecks: mysqlTableChecks,
    sameCheck: sameMysqlCheck,
    objectsNotAdopted: mysqlObjectsNotAdopted,
  },
  lock: mysqlNamedLock,
  locking: mysqlLocking,
  offlineScript: mysqlOfflineScript,
  ddlLockTimeout: mysqlDdlLockTimeout,
  online: mysqlOnline,
  // ER_TABLE_EXISTS_ERROR (1050), ER_DUP_KEYNAME (1061): an index or key of that name is on the table.
  isAlreadyExists: (error) =>
    driverFailures(error).some((f) => f.errno === 1050 || f.errno === 1061 || f.code === 'ER_TABLE_EXISTS_ERROR' || f.code === 'ER_DUP_KEYNAME'),
  createScratchDatabase: (dataSource) => serverScratchDatabase(dataSource, quoteIdentifier, dropMysqlScratch),
  givenScratch: mysqlGivenScratch,
  beginStatement: 'START TRANSACTION;',
  commitStatement: 'COMMIT;',
  quoteIdentifier,
  placeholders: 'positional',
  quoteTableName: (name) => quotePath(quoteIdentifier, name),

  literal: (value) =>
    // Backslash is an escape character in MySQL strings unless NO_BACKSLASH_ESCAPES is set.
    renderLiteral(value, textualLiterals((s) => quoteString(s, true))),

  /** mysql2 would expand a plain object into `key = value` pairs; JSON columns want the text. */
  bindValue(value) {
    if (value === undefined) return null;
    if (typeof value === 'object' && value !== null && !(value instanceof Date) && !(value instanceof Uint8Array)) {
      return JSON.stringify(value);
    }
    return value;
  },


  /** Ops read tables through TypeORM too (see correctTableLoading); online, ALTERs ask for an online algorithm. */
  async aroundOp(op, ctx, run) {
    correctTableLoading(ctx.queryRunner);
    if (wantsOnlineAlters(op, ctx)) await withOnlineAlters(op, ctx, run);
    else await run();
  },

  opOverrides: {
    alterColumn: mysqlAlterColumn,
    createTable: mysqlCreateTable,
    createCheck: mysqlCreateCheck,
    dropCheck: mysqlDropCheck,
    // In MySQL a "schema" is a database; creating one from inside a migration of another
    // database is not what a revision means. Tables use `database.table` names instead.
    async createSchema() {},
    async dropSchema() {},
  },
};
