/**
 * Names an op hands to TypeORM's schema SQL. TypeORM writes identifiers inside "…" (PostgreSQL,
 * SQLite) or `…` (MySQL) without doubling the quote, and looks tables, views, schemas and enum
 * types up in the catalog inside '…' without escaping (MySQL also reads a backslash there as an
 * escape): a name holding one of those characters breaks the statement or, crafted, runs SQL of
 * its own (an `addColumn` once ran the `DROP TABLE` its column name carried). Such names are
 * refused before anything runs, on every dialect, so a revision means the same everywhere; the
 * same rule refuses them in entities before autogenerate writes a revision (unsupported-names.ts).
 * A ' in a column, index or constraint name is fine: those are not looked up in '…'.
 * `execute` takes SQL, and `bulkInsert` / `bulkDelete` quote their names themselves.
 */
import { assertNever } from './execution';
import type { ColumnSpec, ForeignKeySpec, Op, TableSpec } from './types';
import { invalid } from './validate';

/** One name an op carries: what it is (for the message) and the name. */
type NamedPart = readonly [what: string, name: string | undefined];

/** What a name is: a catalog name (looked up inside '…') or any other identifier. */
export type NameKind = 'catalog' | 'identifier';

const IN_ANY_NAME: readonly [RegExp, string][] = [
  [/"/, 'a double quote (")'],
  [/`/, 'a backtick (`)'],
];
const IN_CATALOG_NAMES: readonly [RegExp, string][] = [
  ...IN_ANY_NAME,
  [/'/, "a single quote (')"],
  [/\\/, 'a backslash (\\)'],
];

/** Parts of a name that refer to a catalog entry: tables, views, schemas, enum types. */
const CATALOG = new Set(['table name', 'new table name', 'referenced table name', 'referenced schema', 'referenced database', 'view name', 'schema name', 'enum name']);

/** Why TypeORM's SQL cannot carry `name` (e.g. `a double quote (")`), or undefined when it can. */
export function unquotableCharacter(name: string, kind: NameKind): string | undefined {
  return (kind === 'catalog' ? IN_CATALOG_NAMES : IN_ANY_NAME).find(([pattern]) => pattern.test(name))?.[1];
}

/**
 * Refuse `op` when a name in it holds a character TypeORM's SQL does not escape, naming the op
 * (`where`, e.g. `op.addColumn("user")`), what the name is and the name.
 */
export function assertQuotableNames(op: Op, where: string): void {
  for (const [what, name] of namesIn(op)) {
    if (name === undefined) continue;
    const found = unquotableCharacter(name, CATALOG.has(what) ? 'catalog' : 'identifier');
    if (found) {
      throw invalid(where, `${what} ${JSON.stringify(name)} contains ${found}, which TypeORM's schema SQL does not escape; choose a name without it`);
    }
  }
}

function namesIn(op: Op): NamedPart[] {
  switch (op.kind) {
    case 'createTable':
      return tableNames(op.table);
    case 'dropTable':
      return typeof op.table === 'string' ? [['table name', op.table]] : tableNames(op.table);
    case 'renameTable':
      return [['table name', op.from], ['new table name', op.to]];
    case 'setTableComment':
      return [['table name', op.table]];
    case 'addColumn':
      return [['table name', op.table], ...columnNames(op.column)];
    case 'dropColumn':
      return [['table name', op.table], ...(typeof op.column === 'string' ? [['column name', op.column] as const] : columnNames(op.column))];
    case 'renameColumn':
      return [['table name', op.table], ['column name', op.from], ['new column name', op.to]];
    case 'alterColumn':
      return [
        ['table name', op.table],
        ['column name', op.column],
        ['new column name', op.changes.name],
        ['enum name', op.changes.enumName],
        ['primary key name', op.changes.primaryKeyConstraintName],
        ...(op.existing ? columnNames(op.existing) : []),
      ];
    case 'createIndex':
    case 'dropIndex':
      return [['table name', op.table], ...named('index', op.index)];
    case 'createUnique':
    case 'dropUnique':
      return [['table name', op.table], ...named('unique', op.unique)];
    case 'createCheck':
    case 'dropCheck':
      return [['table name', op.table], ...named('check', op.check)];
    case 'createExclusion':
    case 'dropExclusion':
      return [['table name', op.table], ...named('exclusion', op.exclusion)];
    case 'createForeignKey':
    case 'dropForeignKey':
      return [['table name', op.table], ...(typeof op.foreignKey === 'string' ? [['foreign key name', op.foreignKey] as const] : foreignKeyNames(op.foreignKey))];
    case 'createPrimaryKey':
    case 'dropPrimaryKey':
      return [['table name', op.table], ['primary key name', op.name], ...op.columnNames.map((name) => ['column name', name] as const)];
    case 'createSchema':
    case 'dropSchema':
      return [['schema name', op.schema]];
    case 'createView':
    case 'dropView':
      return [['view name', typeof op.view === 'string' ? op.view : op.view.name]];
    case 'execute':
    case 'bulkInsert':
    case 'bulkDelete':
      return [];
    default:
      return assertNever(op, 'op kind');
  }
}

function tableNames(table: TableSpec): NamedPart[] {
  return [
    ['table name', table.name],
    ...table.columns.flatMap(columnNames),
    ...(table.indices ?? []).flatMap((index) => named('index', index)),
    ...(table.uniques ?? []).flatMap((unique) => named('unique', unique)),
    ...(table.checks ?? []).flatMap((check) => named('check', check)),
    ...(table.exclusions ?? []).flatMap((exclusion) => named('exclusion', exclusion)),
    ...(table.foreignKeys ?? []).flatMap(foreignKeyNames),
  ];
}

function columnNames(column: ColumnSpec): NamedPart[] {
  return [['column name', column.name], ['enum name', column.enumName], ['primary key name', column.primaryKeyConstraintName]];
}

/** An index or constraint given by its name, or by a spec with a name and columns. */
function named(what: string, target: string | { name?: string; columnNames?: string[] }): NamedPart[] {
  if (typeof target === 'string') return [[`${what} name`, target]];
  return [[`${what} name`, target.name], ...(target.columnNames ?? []).map((name) => ['column name', name] as const)];
}

function foreignKeyNames(fk: ForeignKeySpec): NamedPart[] {
  return [
    ...named('foreign key', fk),
    ['referenced table name', fk.referencedTableName],
    ['referenced schema', fk.referencedSchema],
    ['referenced database', fk.referencedDatabase],
    ...fk.referencedColumnNames.map((name) => ['referenced column name', name] as const),
  ];
}
