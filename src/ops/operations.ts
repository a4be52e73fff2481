/**
 * The `op` object a revision's `upgrade()` / `downgrade()` receives. Each method validates its
 * arguments, builds one `Op` value (see `types.ts`) and hands it to `run`, which executes it on
 * the database or, with `--sql`, records the SQL. Methods resolve when the change is done.
 */
import { isObject } from '../is-object';
import { assertQuotableNames } from './identifier-names';
import { invalid, requireColumn, requireExclusion, requireForeignKey, requireName, requireNames, requireRows, requireTableSpec } from './validate';
import type {
  AlterColumnOptions,
  CheckSpec,
  ColumnSpec,
  ExclusionSpec,
  ForeignKeySpec,
  IndexSpec,
  OnlineOption,
  Op,
  Row,
  TableName,
  TableSpec,
  UniqueSpec,
  ViewSpec,
} from './types';

export class Operations {
  /** @param runOp executes (or records) one op; the runner passes `op => executeOp(op, ctx)`. */
  constructor(private readonly runOp: (op: Op) => Promise<void>) {}

  /** Every op passes here: names TypeORM's SQL cannot carry are refused before anything runs. */
  private run(op: Op): Promise<void> {
    const table = 'table' in op ? (typeof op.table === 'string' ? op.table : op.table.name) : op.kind === 'renameTable' ? op.from : undefined;
    assertQuotableNames(op, `op.${op.kind}(${table === undefined ? '' : JSON.stringify(table)})`);
    return this.runOp(op);
  }

  // ── tables ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Create a table with its columns, indices, uniques, checks, exclusions and foreign keys.
   * @example op.createTable({ name: 'user', columns: [{ name: 'id', type: 'integer', isPrimary: true }] })
   */
  async createTable(table: TableSpec): Promise<void> {
    return this.run({ kind: 'createTable', table: requireTableSpec(table, 'op.createTable()') });
  }

  /**
   * Drop a table. Pass the full `TableSpec` (as autogenerate does) to keep the op reversible;
   * a bare name works forward but cannot be reversed.
   */
  async dropTable(table: TableSpec | TableName): Promise<void> {
    const spec = typeof table === 'string' ? requireName(table, 'op.dropTable()', 'table') : requireTableSpec(table, 'op.dropTable()');
    return this.run({ kind: 'dropTable', table: spec });
  }

  /** Rename a table (`from` may be schema-qualified; `to` is the new bare name). */
  async renameTable(from: TableName, to: TableName): Promise<void> {
    requireName(from, 'op.renameTable()', 'from');
    requireName(to, `op.renameTable("${from}")`, 'to');
    return this.run({ kind: 'renameTable', from, to });
  }

  /** Set (or with `null`, remove) a table's comment. `existing` is the old comment, for reversal. */
  async setTableComment(table: TableName, comment: string | null, existing?: string | null): Promise<void> {
    requireName(table, 'op.setTableComment()', 'table');
    if (comment !== null && typeof comment !== 'string') {
      throw invalid(`op.setTableComment("${table}")`, 'comment must be a string or null');
    }
    return this.run({ kind: 'setTableComment', table, comment, ...(existing !== undefined && { existing }) });
  }

  // ── columns ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Add a column.
   * @example op.addColumn('user', { name: 'age', type: 'integer', isNullable: false, default: '0' })
   */
  async addColumn(table: TableName, column: ColumnSpec): Promise<void> {
    requireName(table, 'op.addColumn()', 'table');
    return this.run({ kind: 'addColumn', table, column: requireColumn(column, `op.addColumn("${table}")`) });
  }

  /** Drop a column. Pass the full `ColumnSpec` to keep the op reversible. */
  async dropColumn(table: TableName, column: ColumnSpec | string): Promise<void> {
    requireName(table, 'op.dropColumn()', 'table');
    const where = `op.dropColumn("${table}")`;
    const spec = typeof column === 'string' ? requireName(column, where, 'column') : requireColumn(column, where);
    return this.run({ kind: 'dropColumn', table, column: spec });
  }

  /** Rename a column in place; data, indices and constraints stay with it. */
  async renameColumn(table: TableName, from: string, to: string): Promise<void> {
    requireName(table, 'op.renameColumn()', 'table');
    requireName(from, `op.renameColumn("${table}")`, 'from');
    requireName(to, `op.renameColumn("${table}", "${from}")`, 'to');
    return this.run({ kind: 'renameColumn', table, from, to });
  }

  /**
   * Change a column in place without losing its data: type, length, nullability, default,
   * comment, uniqueness, … Only the keys in `changes` change.
   *
   * PostgreSQL uses `ALTER COLUMN … TYPE … USING` (pass `options.using` for a custom cast), MySQL
   * `MODIFY COLUMN`, SQLite rebuilds the table and copies every row. Pass `options.existing` (the
   * column as it was) to make the op reversible.
   * @example op.alterColumn('user', 'email', { length: '320' }, { existing: { name: 'email', type: 'varchar', length: '255' } })
   */
  async alterColumn(table: TableName, column: string, changes: Partial<ColumnSpec>, options: AlterColumnOptions = {}): Promise<void> {
    requireName(table, 'op.alterColumn()', 'table');
    const where = `op.alterColumn("${table}", "${requireName(column, `op.alterColumn("${table}")`, 'column')}")`;
    if (!isObject(changes) || Object.keys(changes).length === 0) {
      throw invalid(where, 'changes must be an object with at least one property');
    }
    if ('name' in changes) requireName(changes.name, where, 'changes.name');
    if ('type' in changes) requireName(changes.type, where, 'changes.type');
    if (options.existing !== undefined) requireColumn(options.existing, `${where} existing`);
    if (options.using !== undefined) requireName(options.using, where, 'using');
    const { online: _checked, ...rest } = options;
    return this.run({ kind: 'alterColumn', table, column, changes, ...rest, ...online(options, where) });
  }

  // ── indices and constraints ─────────────────────────────────────────────────────────────────

  /** Create an index (unnamed indices get TypeORM's default name). */
  async createIndex(table: TableName, index: IndexSpec, options?: OnlineOption): Promise<void> {
    requireName(table, 'op.createIndex()', 'table');
    requireNames(index?.columnNames, `op.createIndex("${table}")`, 'columnNames');
    return this.run({ kind: 'createIndex', table, index, ...online(options, `op.createIndex("${table}")`) });
  }

  /** Drop an index by name, or by its full spec (reversible; matched by columns if unnamed). */
  async dropIndex(table: TableName, index: IndexSpec | string, options?: OnlineOption): Promise<void> {
    requireName(table, 'op.dropIndex()', 'table');
    checkNamedOrSpec(index, `op.dropIndex("${table}")`, 'index');
    return this.run({ kind: 'dropIndex', table, index, ...online(options, `op.dropIndex("${table}")`) });
  }

  /** Add a unique constraint over one or more columns. */
  async createUnique(table: TableName, unique: UniqueSpec, options?: OnlineOption): Promise<void> {
    requireName(table, 'op.createUnique()', 'table');
    requireNames(unique?.columnNames, `op.createUnique("${table}")`, 'columnNames');
    return this.run({ kind: 'createUnique', table, unique, ...online(options, `op.createUnique("${table}")`) });
  }

  /** Drop a unique constraint by name, or by its full spec (reversible). */
  async dropUnique(table: TableName, unique: UniqueSpec | string, options?: OnlineOption): Promise<void> {
    requireName(table, 'op.dropUnique()', 'table');
    checkNamedOrSpec(unique, `op.dropUnique("${table}")`, 'unique');
    return this.run({ kind: 'dropUnique', table, unique, ...online(options, `op.dropUnique("${table}")`) });
  }

  /** Add a check constraint, e.g. `{ name: 'age_positive', expression: '"age" >= 0' }`. */
  async createCheck(table: TableName, check: CheckSpec, options?: OnlineOption): Promise<void> {
    requireName(table, 'op.createCheck()', 'table');
    requireName(check?.expression, `op.createCheck("${table}")`, 'expression');
    return this.run({ kind: 'createCheck', table, check, ...online(options, `op.createCheck("${table}")`) });
  }

  /** Drop a check constraint by name, or by its full spec (reversible; matched by expression if unnamed). */
  async dropCheck(table: TableName, check: CheckSpec | string, options?: OnlineOption): Promise<void> {
    requireName(table, 'op.dropCheck()', 'table');
    if (typeof check === 'string') requireName(check, `op.dropCheck("${table}")`, 'check');
    else requireName(check?.expression, `op.dropCheck("${table}")`, 'expression');
    return this.run({ kind: 'dropCheck', table, check, ...online(options, `op.dropCheck("${table}")`) });
  }

  /**
   * Add an exclusion constraint (PostgreSQL): everything after `EXCLUDE`, and optionally
   * `deferrable: 'INITIALLY DEFERRED'` (or `'INITIALLY IMMEDIATE'`).
   * @example op.createExclusion('booking', { name: 'XCL_booking_room', expression: 'USING gist ("room" WITH =, "during" WITH &&)' })
   */
  async createExclusion(table: TableName, exclusion: ExclusionSpec): Promise<void> {
    requireName(table, 'op.createExclusion()', 'table');
    return this.run({ kind: 'createExclusion', table, exclusion: requireExclusion(exclusion, `op.createExclusion("${table}")`) });
  }

  /** Drop an exclusion constraint by name, or by its full spec (reversible; matched by expression if unnamed). */
  async dropExclusion(table: TableName, exclusion: ExclusionSpec | string): Promise<void> {
    requireName(table, 'op.dropExclusion()', 'table');
    const where = `op.dropExclusion("${table}")`;
    const spec = typeof exclusion === 'string' ? requireName(exclusion, where, 'exclusion') : requireExclusion(exclusion, where);
    return this.run({ kind: 'dropExclusion', table, exclusion: spec });
  }

  /** Add a foreign key from `table` to `foreignKey.referencedTableName`. */
  async createForeignKey(table: TableName, foreignKey: ForeignKeySpec, options?: OnlineOption): Promise<void> {
    requireName(table, 'op.createForeignKey()', 'table');
    const where = `op.createForeignKey("${table}")`;
    return this.run({ kind: 'createForeignKey', table, foreignKey: requireForeignKey(foreignKey, where), ...online(options, where) });
  }

  /** Drop a foreign key by name, or by its full spec (reversible; matched by columns if unnamed). */
  async dropForeignKey(table: TableName, foreignKey: ForeignKeySpec | string, options?: OnlineOption): Promise<void> {
    requireName(table, 'op.dropForeignKey()', 'table');
    const where = `op.dropForeignKey("${table}")`;
    if (typeof foreignKey === 'string') requireName(foreignKey, where, 'foreignKey');
    else requireForeignKey(foreignKey, where);
    return this.run({ kind: 'dropForeignKey', table, foreignKey, ...online(options, where) });
  }

  /** Add a primary key over `columnNames` (the table must not have one). */
  async createPrimaryKey(table: TableName, columnNames: string[], name?: string): Promise<void> {
    requireName(table, 'op.createPrimaryKey()', 'table');
    requireNames(columnNames, `op.createPrimaryKey("${table}")`, 'columnNames');
    return this.run({ kind: 'createPrimaryKey', table, columnNames, ...(name !== undefined && { name }) });
  }

  /** Drop the primary key; `columnNames` (its columns) make the op reversible. */
  async dropPrimaryKey(table: TableName, columnNames: string[], name?: string): Promise<void> {
    requireName(table, 'op.dropPrimaryKey()', 'table');
    requireNames(columnNames, `op.dropPrimaryKey("${table}")`, 'columnNames');
    return this.run({ kind: 'dropPrimaryKey', table, columnNames, ...(name !== undefined && { name }) });
  }

  // ── schemas and views ───────────────────────────────────────────────────────────────────────

  /** `CREATE SCHEMA IF NOT EXISTS` on PostgreSQL; nothing on SQLite and MySQL (no schemas there). */
  async createSchema(name: string): Promise<void> {
    return this.run({ kind: 'createSchema', schema: requireName(name, 'op.createSchema()', 'schema') });
  }

  /** Drop an (empty) schema on PostgreSQL; nothing on SQLite and MySQL. */
  async dropSchema(name: string): Promise<void> {
    return this.run({ kind: 'dropSchema', schema: requireName(name, 'op.dropSchema()', 'schema') });
  }

  /** Create a view from an SQL `SELECT`. */
  async createView(view: ViewSpec): Promise<void> {
    requireName(view?.name, 'op.createView()', 'view name');
    requireName(view.expression, `op.createView("${view.name}")`, 'expression');
    return this.run({ kind: 'createView', view });
  }

  /** Drop a view. Pass the full `ViewSpec` to keep the op reversible. */
  async dropView(view: ViewSpec | TableName): Promise<void> {
    if (typeof view === 'string') requireName(view, 'op.dropView()', 'view');
    else requireName(view?.expression, `op.dropView("${requireName(view?.name, 'op.dropView()', 'view name')}")`, 'expression');
    return this.run({ kind: 'dropView', view });
  }

  // ── SQL and data ────────────────────────────────────────────────────────────────────────────

  /**
   * Run raw SQL, with optional parameters (`$1` on PostgreSQL, `?` on SQLite and MySQL).
   * Not reversible: write the inverse in `downgrade()` yourself.
   */
  async execute(sql: string, params?: unknown[]): Promise<void> {
    requireName(sql, 'op.execute()', 'sql');
    if (params !== undefined && !Array.isArray(params)) throw invalid('op.execute()', 'params must be an array');
    return this.run({ kind: 'execute', sql, ...(params !== undefined && { params }) });
  }

  /**
   * Insert rows (seed data), as parameterised multi-row INSERTs.
   * @example op.bulkInsert('role', [{ id: 1, name: 'admin' }, { id: 2, name: 'user' }])
   */
  async bulkInsert(table: TableName, rows: Row[]): Promise<void> {
    requireName(table, 'op.bulkInsert()', 'table');
    return this.run({ kind: 'bulkInsert', table, rows: requireRows(rows, `op.bulkInsert("${table}")`) });
  }

  /**
   * Delete the given rows (each matched on all its columns; reversible), or every row matching
   * `{ where: { column: value, … } }` (not reversible).
   */
  async bulkDelete(table: TableName, rows: Row[] | { where: Row }): Promise<void> {
    requireName(table, 'op.bulkDelete()', 'table');
    const where = `op.bulkDelete("${table}")`;
    if (Array.isArray(rows)) return this.run({ kind: 'bulkDelete', table, rows: requireRows(rows, where) });
    if (!isObject(rows) || !isObject(rows.where) || Object.keys(rows.where).length === 0) {
      throw invalid(where, 'pass an array of rows or { where: { column: value } } with at least one column');
    }
    return this.run({ kind: 'bulkDelete', table, rows: { where: rows.where } });
  }
}

/** `{ online: true }` when asked for; anything but an object with a boolean `online` is refused. */
function online(options: OnlineOption | undefined, where: string): OnlineOption {
  if (options === undefined) return {};
  if (!isObject(options) || (options.online !== undefined && typeof options.online !== 'boolean')) {
    throw invalid(where, 'options must be { online: true } or { online: false }');
  }
  return options.online ? { online: true } : {};
}

function checkNamedOrSpec(value: unknown, where: string, what: string): void {
  if (typeof value === 'string') requireName(value, where, what);
  else if (!isObject(value) || (value.name === undefined && value.columnNames === undefined)) {
    throw invalid(where, `${what} must be a name or an object with name or columnNames`);
  }
  else if (value.columnNames !== undefined) requireNames(value.columnNames, where, 'columnNames');
}
