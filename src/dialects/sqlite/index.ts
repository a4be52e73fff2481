/**
 * SQLite: no ALTER for most changes, so TypeORM rebuilds the table (create a copy, INSERT …
 * SELECT, drop, rename). Dropping a parent table with `foreign_keys=ON` would cascade-delete its
 * children's rows, and the PRAGMA is ignored inside a transaction, so enforcement is switched off
 * around each revision's transaction and the keys are checked once before commit instead.
 */
import { OpError } from '../../errors';
import { correctLoadedTables } from '../../typeorm-internals';
import type { StatementSink } from '../../ops/execution';
import type { QueryRunner, Table } from 'typeorm';
import type { Dialect } from '../dialect';
import { sqliteConnection } from './connection';
import { sqliteOfflineScript } from './offline-script';
import { attachedDatabaseEntity } from './attached-databases';
import { fixForeignKeyNames } from './foreign-key-names';
import { sqliteCatalogViews } from './catalog-views';
import { sqliteObjectsNotAdopted } from './objects-not-adopted';
import { sqliteLocking } from './lock-impacts';
import { completeSqliteGeneratedColumns } from './generated-columns';
import { fixHandWrittenTables } from './hand-written-tables';
import { sqliteRawIndexes } from './raw-indexes';
import { normalizeColumnSemantics, restoreDeclaredColumns } from './column-semantics';
import { flushRebuilds, runWithDeferredRebuilds } from './rebuild-batch';
import { fixSqliteLoadedChecks } from './loaded-checks';
import { sqliteAddColumn, sqliteAlterColumn } from './unique-columns';
import { quotePath, quoteString, quoteWith, renderLiteral, textualLiterals, utcDateTime } from '../sql-text';
import { sqliteLockRow } from './lock-row';
import { sqliteGivenScratch, sqliteScratchDatabase } from './scratch-database';
import { driverFailures } from '../driver-error';
import { sameWrittenCheck, sameWrittenGeneratedExpression, sameWrittenPredicate } from './written-expressions';

const quoteIdentifier = (name: string): string => quoteWith('"', name);

interface ForeignKeyViolation {
  table: string;
  parent: string;
}

/**
 * What TypeORM reads of SQLite tables, corrected: foreign key names, checks, then what a
 * hand-written table loses. Ops rebuild tables from this reading, so it keeps what was written.
 */
async function fixSqliteLoadedTables(queryRunner: QueryRunner, tables: Table[]): Promise<void> {
  await fixForeignKeyNames(queryRunner, tables);
  await fixSqliteLoadedChecks(queryRunner, tables);
  await fixHandWrittenTables(queryRunner, tables);
  // Out of the table, so that neither a rebuild nor autogenerate sees a wrong one (rebuild-batch.ts
  // re-creates them from their own text).
  await sqliteRawIndexes(queryRunner, tables);
}

/** Tables as autogenerate compares them: corrected, and in an entity's words (column-semantics.ts). */
async function readSqliteTablesForComparison(queryRunner: QueryRunner, tables: Table[]): Promise<void> {
  await fixSqliteLoadedTables(queryRunner, tables);
  normalizeColumnSemantics(queryRunner, tables);
}

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  capabilities: { transactionalDdl: true, multiStatementQueries: false, concurrentIndexes: false, schemas: false, enforcesColumnTypes: false, exclusionConstraints: false, restrictIsNoAction: false, identityColumns: false },
  connection: sqliteConnection,
  introspection: {
    defaultSchema: async () => undefined,
    existingSchemas: async () => new Set(),
    async tableNames(db) {
      const rows = (await db.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)) as { name: string }[];
      return rows.map((r) => r.name);
    },
    fixLoadedTables: readSqliteTablesForComparison,
    samePredicate: sameWrittenPredicate,
    sameCheck: sameWrittenCheck,
    sameGeneratedExpression: sameWrittenGeneratedExpression,
    unsupportedEntity: attachedDatabaseEntity,
    catalogViews: sqliteCatalogViews,
    completeGeneratedColumns: completeSqliteGeneratedColumns,
    rawIndexes: sqliteRawIndexes,
    completeColumnTypes: restoreDeclaredColumns,
    objectsNotAdopted: sqliteObjectsNotAdopted,
  },
  lock: sqliteLockRow,
  locking: sqliteLocking,
  offlineScript: sqliteOfflineScript,
  // SQLite has one code (SQLITE_ERROR) for every statement error; its message names the case.
  isAlreadyExists: (error) => driverFailures(error).some((f) => /\balready exists\b/.test(f.message)),
  createScratchDatabase: sqliteScratchDatabase,
  givenScratch: sqliteGivenScratch,
  // IMMEDIATE takes the write lock at once; a plain BEGIN takes it at the first write, so another
  // writer would be met halfway through a revision, after some of its ops ran, not at its start.
  beginStatement: 'BEGIN IMMEDIATE;',
  commitStatement: 'COMMIT;',
  quoteIdentifier,
  placeholders: 'positional',
  quoteTableName: (name) => quotePath(quoteIdentifier, name),

  literal: (value) =>
    renderLiteral(value, textualLiterals((s) => quoteString(s))),

  /** better-sqlite3 binds only numbers, strings, bigints, buffers and null. */
  bindValue(value) {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value instanceof Date) return utcDateTime(value);
    if (value === undefined) return null;
    if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) return JSON.stringify(value);
    return value;
  },


  async beforeTransaction(sink: StatementSink) {
    await sink.query('PRAGMA foreign_keys = OFF');
  },

  async beforeCommit(sink: StatementSink) {
    const violations = (await sink.query('PRAGMA foreign_key_check')) as ForeignKeyViolation[];
    if (violations.length === 0) return;
    const first = violations[0]!;
    const sameTable = violations.filter((v) => v.table === first.table && v.parent === first.parent).length;
    const more = violations.length > sameTable ? ` (and ${violations.length - sameTable} in other tables)` : '';
    throw new OpError(
      'FOREIGN_KEY_VIOLATION',
      `foreign key check failed: ${sameTable} row(s) in "${first.table}" reference missing rows in "${first.parent}"${more}`,
    );
  },

  async afterTransaction(sink: StatementSink) {
    await sink.query('PRAGMA foreign_keys = ON');
  },

  /**
   * Ops read tables through TypeORM too: a rebuild writes the table again from the loaded one, so
   * a key read under another key's name would be written under that name (foreign-key-names.ts),
   * and a check read cut short would be written cut short (loaded-checks.ts).
   */
  async aroundOp(op, ctx, run) {
    correctLoadedTables(ctx.queryRunner, fixSqliteLoadedTables);
    await runWithDeferredRebuilds(op, ctx, run);
  },
  afterOps: flushRebuilds,

  opOverrides: {
    // Unique constraints named as TypeORM names them, and dropped when a column stops being unique.
    addColumn: sqliteAddColumn,
    alterColumn: sqliteAlterColumn,
    // SQLite has no schemas (ATTACHed databases are a different thing); nothing to create.
    async createSchema() {},
    async dropSchema() {},
    // SQLite keeps no table comments, and TypeORM's runner throws for them; nothing to do.
    async setTableComment() {},
  },
};

export { sqliteDriverType } from './connection';
