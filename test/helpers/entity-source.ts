/**
 * A small model of an entity schema (tables, columns, indices, many-to-one relations) and its
 * rendering to decorated TypeORM entity source: what a user writes, so tests can write it into a
 * project, load it and autogenerate from it.
 *
 * Every table has an `id` primary generated column. A relation `author` to table `user` is a
 * `@ManyToOne` whose join column is `authorId`.
 */

export type Dialect = 'postgres' | 'sqlite';

export type ColumnKind = 'integer' | 'bigint' | 'varchar' | 'text' | 'boolean' | 'decimal' | 'timestamp' | 'uuid' | 'json' | 'jsonb' | 'enum';

/**
 * A default: a literal (`default: 5`), SQL (`default: () => 'CURRENT_TIMESTAMP'`), or one of the
 * spellings users write for the column's kind on the dialect (see "array and function defaults").
 */
export type DefaultModel = { literal: string | number | boolean } | { sql: string } | SpelledDefault;

export interface ColumnModel {
  name: string;
  kind: ColumnKind;
  /** varchar */
  length?: number;
  /** decimal */
  precision?: number;
  scale?: number;
  /** enum */
  enumValues?: string[];
  nullable: boolean;
  unique: boolean;
  default?: DefaultModel;
  /** PostgreSQL: an array of the kind (`array: true`; integer, text and varchar). */
  isArray?: boolean;
}

export interface IndexModel {
  /** Explicit name, or TypeORM's generated one. */
  name?: string;
  columns: string[];
  unique: boolean;
}

export type OnDelete = 'CASCADE' | 'SET NULL' | 'NO ACTION' | 'RESTRICT';

export interface RelationModel {
  /** Property name; the join column is `<property>Id`. */
  property: string;
  /** Name of the referenced table (in the same schema model). */
  target: string;
  nullable: boolean;
  onDelete: OnDelete;
  /** The target has a composite key: the join columns are `<property>Id` and `<property>Tenant`. */
  composite?: boolean;
}

export interface TableModel {
  name: string;
  columns: ColumnModel[];
  indices: IndexModel[];
  relations: RelationModel[];
  /** The primary key is (`id`, `tenant`), both plain integers (see `primaryKeyLines`). */
  compositeKey?: boolean;
  /** `@Entity({ schema })`: a second schema on PostgreSQL; SQLite has none, and the table is named without it. */
  schema?: string;
  /** PostgreSQL: an `@Exclusion` (see exclusionSource). */
  exclusion?: ExclusionModel;
}

// ── exclusion constraints (PostgreSQL) ───────────────────────────────────────────────────────

/**
 * An exclusion constraint that needs no extension: btree `=` over one of the table's columns, or
 * gist `&&` over a `box` column of its own (rendered with it, so nothing else indexes or alters it).
 */
export type ExclusionModel = {
  /** Explicit name, or TypeORM's generated one (a hash of the expression). */
  name?: string;
  deferrable?: 'INITIALLY IMMEDIATE' | 'INITIALLY DEFERRED';
} & ({ using: 'btree'; column: string } | { using: 'gist'; boxColumn: string });

/** The `@Exclusion` decorator and, for gist, the `box` column it is on. */
function exclusionSource(table: TableModel): { decorators: string[]; members: string[] } {
  const exclusion = table.exclusion;
  if (!exclusion) return { decorators: [], members: [] };
  const expression = exclusion.using === 'btree' ? `USING btree ("${exclusion.column}" WITH =)` : `USING gist ("${exclusion.boxColumn}" WITH &&)`;
  const args = [...(exclusion.name ? [q(exclusion.name)] : []), q(expression), ...(exclusion.deferrable ? [`{ deferrable: ${q(exclusion.deferrable)} }`] : [])];
  const members = exclusion.using === 'gist' ? ['', `  @Column({ type: 'box' })`, `  ${exclusion.boxColumn}!: string;`] : [];
  return { decorators: [`@Exclusion(${args.join(', ')})`], members };
}

export interface SchemaModel {
  tables: TableModel[];
}

export interface RenderOptions {
  dialect: Dialect;
  /** Prepended to class names, so that classes of different versions never share a name. */
  classPrefix: string;
}

const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

export function className(table: string, options: RenderOptions): string {
  return `${options.classPrefix}${pascal(table)}`;
}

/** The database type to write in `@Column({ type })` for a kind on a dialect. */
export function columnType(kind: ColumnKind, dialect: Dialect): string {
  switch (kind) {
    case 'timestamp':
      return dialect === 'postgres' ? 'timestamp' : 'datetime';
    case 'enum':
      return dialect === 'postgres' ? 'enum' : 'simple-enum';
    default:
      return kind;
  }
}

function tsType(column: ColumnModel): string {
  const scalar =
    column.kind === 'integer' || column.kind === 'decimal'
      ? 'number'
      : column.kind === 'boolean'
        ? 'boolean'
        : column.kind === 'timestamp'
          ? 'Date'
          : column.kind === 'json' || column.kind === 'jsonb'
            ? 'object'
            : 'string';
  const base = column.isArray ? `${scalar}[]` : scalar;
  return column.nullable ? `${base} | null` : base;
}

function literalSource(value: string | number | boolean): string {
  return typeof value === 'string' ? q(value) : String(value);
}

function columnOptions(column: ColumnModel, dialect: Dialect): string {
  const parts = [`type: ${q(columnType(column.kind, dialect))}`];
  if (column.kind === 'varchar' && column.length !== undefined) parts.push(`length: ${column.length}`);
  if (column.kind === 'decimal') {
    if (column.precision !== undefined) parts.push(`precision: ${column.precision}`);
    if (column.scale !== undefined) parts.push(`scale: ${column.scale}`);
  }
  if (column.kind === 'enum') parts.push(`enum: [${(column.enumValues ?? []).map(q).join(', ')}]`);
  if (column.isArray) parts.push('array: true');
  if (column.nullable) parts.push('nullable: true');
  if (column.unique) parts.push('unique: true');
  if (column.default !== undefined) {
    if ('spelling' in column.default) parts.push(`default: ${spelledDefaultSource(column, column.default, dialect)}`);
    else parts.push('sql' in column.default ? `default: () => ${q(column.default.sql)}` : `default: ${literalSource(column.default.literal)}`);
  }
  return `{ ${parts.join(', ')} }`;
}

function indexDecorator(index: IndexModel, table: TableModel): string {
  // A relation's join column is indexed through its property name.
  const properties = index.columns.map((c) => table.relations.find((r) => `${r.property}Id` === c)?.property ?? c);
  const options = index.unique ? ', { unique: true }' : '';
  const columns = `[${properties.map(q).join(', ')}]`;
  return index.name ? `@Index(${q(index.name)}, ${columns}${options})` : `@Index(${columns}${options})`;
}

/**
 * One TypeScript module with every entity of the schema. One file keeps relations between tables
 * (even cycles) free of import-order problems; relation properties are typed `object` because a
 * class-typed property would make decorator metadata read a class declared later in the file.
 */
export function renderEntities(schema: SchemaModel, options: RenderOptions): string {
  const lines = [`import { Column, Entity, Exclusion, Index, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';`, ''];
  for (const table of schema.tables) {
    const exclusion = exclusionSource(table);
    lines.push(entityDecorator(table));
    for (const index of table.indices) lines.push(indexDecorator(index, table));
    lines.push(...exclusion.decorators);
    lines.push(`export class ${className(table.name, options)} {`);
    lines.push(...primaryKeyLines(table));
    for (const column of table.columns) {
      lines.push('', `  @Column(${columnOptions(column, options.dialect)})`, `  ${column.name}!: ${tsType(column)};`);
    }
    for (const relation of table.relations) {
      lines.push(
        '',
        `  @ManyToOne(() => ${className(relation.target, options)}, { nullable: ${relation.nullable}, onDelete: ${q(relation.onDelete)} })`,
        `  ${relation.property}!: object${relation.nullable ? ' | null' : ''};`,
      );
    }
    lines.push(...exclusion.members);
    lines.push('}', '');
  }
  return lines.join('\n');
}

/** Column names of a table as the database has them (`id`, columns, relation join columns). */
export function databaseColumns(table: TableModel): string[] {
  return [...primaryKeyColumns(table), ...table.columns.map((c) => c.name), ...table.relations.flatMap(joinColumns)];
}

// ── composite keys and a second schema (issue 14) ──────────────────────────────────────────────

/** `@Entity('t')`, or `@Entity({ name: 't', schema: 's' })` for a table in a schema of its own. */
function entityDecorator(table: TableModel): string {
  return table.schema === undefined ? `@Entity(${q(table.name)})` : `@Entity({ name: ${q(table.name)}, schema: ${q(table.schema)} })`;
}

/**
 * A generated `id`, or a composite key of two plain integers: SQLite has no AUTOINCREMENT in a
 * composite key. A relation to a composite key gets one join column per key column.
 */
function primaryKeyLines(table: TableModel): string[] {
  if (!table.compositeKey) return [`  @PrimaryGeneratedColumn()`, `  id!: number;`];
  return [`  @PrimaryColumn({ type: 'integer' })`, `  id!: number;`, '', `  @PrimaryColumn({ type: 'integer' })`, `  tenant!: number;`];
}

function primaryKeyColumns(table: TableModel): string[] {
  return table.compositeKey ? ['id', 'tenant'] : ['id'];
}

/** A relation's join columns: TypeORM names them `<property><Key column>`. */
export function joinColumns(relation: RelationModel): string[] {
  return relation.composite ? [`${relation.property}Id`, `${relation.property}Tenant`] : [`${relation.property}Id`];
}

// ── array and function defaults (issue 14): spellings users write, which the database may store ──
// ── in another (case, casts, `ARRAY[1, 2]`, `true` for `1`); each must round-trip without a diff ──

/** Default number `spelling` of those listed for the column's kind on the dialect (array ones for array columns). */
export interface SpelledDefault {
  spelling: number;
}

/** `default:` option sources by kind: function defaults in several cases, and literals stored in another form. */
const SPELLED_DEFAULTS: Record<Dialect, Partial<Record<ColumnKind, string[]>>> = {
  postgres: {
    timestamp: [
      `() => 'CURRENT_TIMESTAMP'`, `() => 'current_timestamp'`, `() => 'now()'`, `() => 'NOW()'`, `() => 'Now()'`,
      `() => 'LOCALTIMESTAMP'`, `() => 'CURRENT_TIMESTAMP(6)'`, `() => "timezone('utc', NOW())"`, `() => "NOW() + INTERVAL '1 day'"`,
    ],
    uuid: [`() => 'gen_random_uuid()'`, `() => 'GEN_RANDOM_UUID()'`, `() => 'Gen_Random_Uuid()'`],
    integer: [`() => 'floor(random() * 10)'`, `() => 'FLOOR(RANDOM() * 10)'`, `() => 'length(CURRENT_USER)'`],
    bigint: [`() => 'floor(random() * 10)'`, `() => 'ABS(-1)'`],
    text: [`() => 'md5(random()::text)'`, `() => "LOWER('AB')"`, `() => "concat('a', 'b')"`],
    varchar: [`() => "lower('AB')"`, `() => "UPPER('ab')"`, `() => 'CURRENT_USER'`],
    boolean: [`() => 'TRUE'`, `() => 'false'`, `() => "'t'"`, `'true'`, `1`, `0`],
  },
  sqlite: {
    timestamp: [`() => 'CURRENT_TIMESTAMP'`, `() => 'current_timestamp'`, `() => "datetime('now')"`, `() => "DATETIME('now')"`, `() => "(STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW'))"`],
    integer: [`() => 'abs(random()) % 10'`, `() => 'ABS(RANDOM()) % 10'`],
    bigint: [`() => 'ABS(-1)'`],
    text: [`() => 'lower(hex(randomblob(4)))'`, `() => "LOWER('AB')"`],
    varchar: [`() => "lower('AB')"`, `() => "UPPER('ab')"`],
    boolean: [`() => 'TRUE'`, `() => 'false'`, `1`],
    // uuid: PostgreSQL only (no such kind on SQLite).
  },
};

/** `default:` option sources of PostgreSQL array columns, by element kind. */
const ARRAY_DEFAULTS: Partial<Record<ColumnKind, string[]>> = {
  integer: [`[]`, `'{}'`, `() => "'{}'"`, `[1, 2]`, `() => 'ARRAY[1,2]'`, `() => 'ARRAY[]::integer[]'`],
  text: [`[]`, `'{}'`, `() => "'{}'"`, `['a', 'b c']`, `() => "ARRAY['a']"`, `() => "'{}'::text[]"`],
  varchar: [`[]`, `'{}'`, `() => "'{}'"`, `['a', 'b']`, `() => "ARRAY['a','b']"`],
};

/** Kinds that can be PostgreSQL array columns here. */
export const ARRAY_KINDS: readonly ColumnKind[] = Object.keys(ARRAY_DEFAULTS) as ColumnKind[];

/** Whether the kind has spelled defaults (as an array column when `isArray`) on each dialect that has the kind. */
export function hasSpelledDefaults(kind: ColumnKind, isArray = false): boolean {
  return ((isArray ? ARRAY_DEFAULTS[kind] : SPELLED_DEFAULTS.postgres[kind]) ?? []).length > 0;
}

function spelledDefaultSource(column: ColumnModel, value: SpelledDefault, dialect: Dialect): string {
  const list = (column.isArray ? ARRAY_DEFAULTS[column.kind] : SPELLED_DEFAULTS[dialect][column.kind]) ?? [];
  if (list.length === 0) throw new Error(`no spelled defaults for ${column.isArray ? 'array ' : ''}${column.kind} on ${dialect}`);
  return list[Math.abs(value.spelling) % list.length]!;
}
