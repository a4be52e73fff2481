/**
 * The op IR: every schema change entity-migrate knows, as plain data.
 *
 * Revision files call the op API (`op.addColumn(...)`), autogenerate produces `Op[]`, the renderer
 * turns `Op[]` into revision-file source, and the executor turns each `Op` into SQL through the
 * dialect. Each drop op carries the full definition it removes so that its inverse (see
 * `reverse.ts`) can recreate it exactly.
 *
 * The spec shapes mirror TypeORM's `Table*Options` so that a TypeORM user reads them at once, and
 * so they pass straight into TypeORM's `Table`, `TableColumn`, … constructors.
 */

/** A table name, optionally schema-qualified (`"audit.event"`). */
export type TableName = string;

/** A column definition, as TypeORM's `TableColumnOptions`. */
export interface ColumnSpec {
  name: string;
  /** Database type as TypeORM spells it: `'integer'`, `'varchar'`, `'timestamp with time zone'`, … */
  type: string;
  /** Default as SQL text (`"'draft'"`, `'0'`, `'now()'`). */
  default?: string | number | boolean | null;
  onUpdate?: string;
  isNullable?: boolean;
  isGenerated?: boolean;
  generationStrategy?: 'uuid' | 'increment' | 'rowid' | 'identity';
  isPrimary?: boolean;
  isUnique?: boolean;
  isArray?: boolean;
  comment?: string;
  length?: string;
  width?: number;
  charset?: string;
  collation?: string;
  precision?: number | null;
  scale?: number;
  zerofill?: boolean;
  unsigned?: boolean;
  enum?: string[];
  enumName?: string;
  primaryKeyConstraintName?: string;
  asExpression?: string;
  generatedType?: 'VIRTUAL' | 'STORED';
  generatedIdentity?: 'ALWAYS' | 'BY DEFAULT';
  spatialFeatureType?: string;
  srid?: number;
}

export interface IndexSpec {
  name?: string;
  columnNames: string[];
  isUnique?: boolean;
  isSpatial?: boolean;
  isConcurrent?: boolean;
  isFulltext?: boolean;
  isNullFiltered?: boolean;
  parser?: string;
  /** Partial index predicate (PostgreSQL, SQLite). */
  where?: string;
  /**
   * The index method (PostgreSQL, TypeORM 1.x's `@Index({ type })`): `gin`, `brin`, `hash`,
   * `spgist`, … Left out for a B-tree, and for GiST on a spatial index, which say it already.
   */
  type?: string;
}

export interface UniqueSpec {
  name?: string;
  columnNames: string[];
  deferrable?: string;
}

export interface CheckSpec {
  name?: string;
  columnNames?: string[];
  expression: string;
}

/**
 * An exclusion constraint (PostgreSQL's `EXCLUDE`), as TypeORM's `TableExclusionOptions`: no two
 * rows may match on all of `expression`'s operators, e.g. `USING gist ("room" WITH =, "during" WITH &&)`.
 */
export interface ExclusionSpec {
  name?: string;
  /** Everything after `EXCLUDE`: the access method, the elements with their operators, a `WHERE`. */
  expression: string;
  /** `'INITIALLY IMMEDIATE'` or `'INITIALLY DEFERRED'` for a `DEFERRABLE` constraint. */
  deferrable?: string;
}

export type ReferentialAction = 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'NO ACTION';

export interface ForeignKeySpec {
  name?: string;
  columnNames: string[];
  referencedTableName: TableName;
  referencedColumnNames: string[];
  referencedSchema?: string;
  referencedDatabase?: string;
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  deferrable?: string;
}

export interface TableSpec {
  name: TableName;
  columns: ColumnSpec[];
  indices?: IndexSpec[];
  uniques?: UniqueSpec[];
  checks?: CheckSpec[];
  /** PostgreSQL only. */
  exclusions?: ExclusionSpec[];
  foreignKeys?: ForeignKeySpec[];
  comment?: string;
  engine?: string;
}

export interface ViewSpec {
  name: TableName;
  expression: string;
  materialized?: boolean;
}

/** Rows for seed data: column name → value. */
export type Row = Record<string, unknown>;

export type Op =
  | { kind: 'createTable'; table: TableSpec }
  | { kind: 'dropTable'; table: TableSpec | TableName }
  | { kind: 'renameTable'; from: TableName; to: TableName }
  | { kind: 'addColumn'; table: TableName; column: ColumnSpec }
  | { kind: 'dropColumn'; table: TableName; column: ColumnSpec | string }
  | { kind: 'renameColumn'; table: TableName; from: string; to: string }
  | {
      kind: 'alterColumn';
      table: TableName;
      column: string;
      /** The properties that change; anything absent keeps its current value. */
      changes: Partial<ColumnSpec>;
      /** The column as it was, for the inverse (autogenerate always fills it). */
      existing?: ColumnSpec;
      /** PostgreSQL: expression for `ALTER COLUMN … TYPE … USING`. */
      using?: string;
      /** Take only short locks (see `OnlineOption`). */
      online?: boolean;
    }
  | { kind: 'createIndex'; table: TableName; index: IndexSpec; online?: boolean }
  | { kind: 'dropIndex'; table: TableName; index: IndexSpec | string; online?: boolean }
  | { kind: 'createUnique'; table: TableName; unique: UniqueSpec; online?: boolean }
  | { kind: 'dropUnique'; table: TableName; unique: UniqueSpec | string; online?: boolean }
  | { kind: 'createCheck'; table: TableName; check: CheckSpec; online?: boolean }
  | { kind: 'dropCheck'; table: TableName; check: CheckSpec | string; online?: boolean }
  | { kind: 'createExclusion'; table: TableName; exclusion: ExclusionSpec }
  | { kind: 'dropExclusion'; table: TableName; exclusion: ExclusionSpec | string }
  | { kind: 'createForeignKey'; table: TableName; foreignKey: ForeignKeySpec; online?: boolean }
  | { kind: 'dropForeignKey'; table: TableName; foreignKey: ForeignKeySpec | string; online?: boolean }
  | { kind: 'createPrimaryKey'; table: TableName; columnNames: string[]; name?: string }
  | { kind: 'dropPrimaryKey'; table: TableName; columnNames: string[]; name?: string }
  | { kind: 'setTableComment'; table: TableName; comment: string | null; existing?: string | null }
  | { kind: 'createSchema'; schema: string }
  | { kind: 'dropSchema'; schema: string }
  | { kind: 'createView'; view: ViewSpec }
  | { kind: 'dropView'; view: ViewSpec | TableName }
  | { kind: 'execute'; sql: string; params?: unknown[] }
  | { kind: 'bulkInsert'; table: TableName; rows: Row[] }
  | { kind: 'bulkDelete'; table: TableName; rows: Row[] | { where: Row } };

export type OpKind = Op['kind'];
export type OpOf<K extends OpKind> = Extract<Op, { kind: K }>;

/**
 * `{ online: true }`: do the change in steps that take only short locks on a table the app is
 * writing to (`online` config, `revision --autogenerate --online`). PostgreSQL: a unique
 * constraint is built as a concurrent unique index first, a foreign key or check is added
 * `NOT VALID` and validated in a later transaction, `SET NOT NULL` goes through a validated check.
 * Some steps commit on their own, and each checks what an interrupted run left, so the revision
 * can be run again after a failure at any step. Databases without an online form ignore it.
 */
export interface OnlineOption {
  online?: boolean;
}

/** Op kinds that take `{ online: true }`. */
export type OnlineKind = 'createIndex' | 'dropIndex' | 'createUnique' | 'dropUnique' | 'createCheck' | 'dropCheck' | 'createForeignKey' | 'dropForeignKey' | 'alterColumn';

/** Options of `op.alterColumn`. */
export interface AlterColumnOptions extends OnlineOption {
  /** The column as it is before the change; needed to reverse the op (autogenerate fills it). */
  existing?: ColumnSpec;
  /** PostgreSQL: the `USING` expression for a type change (default: `"column"::newtype`). */
  using?: string;
}
