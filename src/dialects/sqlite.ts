/**
 * SQLite: no ALTER for most changes, so TypeORM rebuilds the table (create a copy, INSERT …
 * SELECT, drop, rename). Dropping a parent table with `foreign_keys=ON` would cascade-delete its
 * children's rows, and the PRAGMA is ignored inside a transaction, so enforcement is switched off
 * around each revision's transaction and the keys are checked once before commit instead.
 */
import { OpError } from '../errors';
import type { Dialect, StatementSink } from './dialect';
import { flushRebuilds, runWithDeferredRebuilds } from './sqlite-rebuild-batch';
import { sqliteAddColumn, sqliteAlterColumn } from './sqlite-unique-columns';
import { quotePath, quoteString, quoteWith, renderLiteral, utcDateTime } from './sql-text';

const quoteIdentifier = (name: string): string => quoteWith('"', name);

interface ForeignKeyViolation {
  table: string;
  parent: string;
}

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  transactionalDdl: true,
  beginStatement: 'BEGIN;',
  commitStatement: 'COMMIT;',
  quoteIdentifier,
  quoteTableName: (name) => quotePath(quoteIdentifier, name),

  literal: (value) =>
    renderLiteral(value, {
      boolean: (b) => (b ? '1' : '0'),
      date: (d) => quoteString(utcDateTime(d)),
      bytes: (bytes) => `X'${Buffer.from(bytes).toString('hex')}'`,
      string: (s) => quoteString(s),
    }),

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

  aroundOp: runWithDeferredRebuilds,
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
