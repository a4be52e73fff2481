/**
 * Corrections to what TypeORM's MySQL introspection (`MysqlQueryRunner.loadTables`) reads, so that
 * the tables autogenerate compares say the same thing the entities would.
 *
 * - A varchar/varbinary of the type's default length (255) is read with an empty length when no
 *   entity column of that name exists (`isDefaultColumnLength`): a column that an entity still
 *   declares is read as '255', a dropped or renamed-away one as ''. The entity side always says
 *   '255' (`MysqlDriver.getColumnLength`), so a rename looked like "unbounded → 255". We fill in
 *   the length the driver would write for the type.
 * - With `type: 'mysql'` against a MariaDB server, TypeORM reads COLUMN_DEFAULT the MySQL way:
 *   it wraps the text in quotes, but MariaDB (10.2.7+) already quotes literals and reports "no
 *   default" as the text `NULL`, so every nullable column reads as `DEFAULT 'NULL'` and a
 *   literal as `''x''`. We undo the extra quotes, as TypeORM does for `type: 'mariadb'`.
 * - On MariaDB, `json` is an alias: the column is stored as `longtext COLLATE utf8mb4_bin` with a
 *   column CHECK (json_valid(col)), and TypeORM reads it back as that longtext. A dropped json
 *   column then came back as a plain longtext without its check, a hinted rename to a json column
 *   was no rename candidate (longtext ≠ json), and TypeORM's CHANGE for a rename lost the check.
 *   We read such a column as `json` again.
 * - MariaDB generated columns read as NOT NULL with `type: 'mariadb'`; they are nullable.
 * - A `double` column read without an entity that declares it (a dropped table, a baseline) comes
 *   with the catalog's NUMERIC_PRECISION, 22, and no scale; TypeORM writes that as `double(22)`,
 *   which is a syntax error (DOUBLE takes both or neither). The type's default precision is no
 *   precision.
 */
import type { QueryRunner, Table } from 'typeorm';
import { bareTableName } from '../../ops/table-path';
import { correctLoadedTables, mysqlDriver } from '../../typeorm-internals';

/** Whether the server is MariaDB, asked once per DataSource (TypeORM keeps only the number). */
const mariaDbServers = new WeakMap<object, Promise<boolean>>();

function isMariaDbServer(queryRunner: QueryRunner): Promise<boolean> {
  const key = queryRunner.connection;
  let answer = mariaDbServers.get(key);
  if (!answer) {
    answer = (queryRunner.query(`SELECT VERSION() AS version`) as Promise<{ version: string }[]>).then(([row]) => /mariadb/i.test(row?.version ?? ''));
    mariaDbServers.set(key, answer);
  }
  return answer;
}

/** The default as TypeORM reads it for `type: 'mariadb'`, from what it read for `type: 'mysql'`. */
function mariaDbDefault(readAsMysql: unknown): unknown {
  if (typeof readAsMysql !== 'string' || readAsMysql.length < 2 || !readAsMysql.startsWith("'") || !readAsMysql.endsWith("'")) return readAsMysql;
  const raw = readAsMysql.slice(1, -1);
  // MariaDB's COLUMN_DEFAULT: the text NULL for no default, `'NULL'` (quoted) for the string.
  return raw === 'NULL' ? undefined : raw;
}

/** MariaDB: `database\0table\0column` of the longtext columns that are json (their column CHECK is json_valid). */
async function mariaDbJsonColumns(queryRunner: QueryRunner, tables: readonly Table[]): Promise<Set<string>> {
  const candidates = tables.filter((t) => t.columns.some((c) => c.type === 'longtext'));
  if (candidates.length === 0) return new Set();
  const current = await queryRunner.getCurrentDatabase();
  const databases = [...new Set(candidates.map((t) => t.database ?? current))];
  const names = [...new Set(candidates.map((t) => bareTableName(t.name)))];
  const rows = (await queryRunner.query(
    `SELECT CONSTRAINT_SCHEMA AS db, TABLE_NAME AS tbl, CONSTRAINT_NAME AS col, CHECK_CLAUSE AS clause
       FROM information_schema.CHECK_CONSTRAINTS
      WHERE LEVEL = 'Column' AND CONSTRAINT_SCHEMA IN (${databases.map(() => '?').join(', ')}) AND TABLE_NAME IN (${names.map(() => '?').join(', ')})`,
    [...databases, ...names],
  )) as { db: string; tbl: string; col: string; clause: string }[];
  const quoted = (name: string) => `\`${name.replace(/`/g, '``')}\``;
  return new Set(rows.filter((r) => r.clause === `json_valid(${quoted(r.col)})`).map((r) => `${r.db}\u0000${r.tbl}\u0000${r.col}`));
}

export async function fixMysqlLoadedTables(queryRunner: QueryRunner, tables: readonly Table[]): Promise<void> {
  if (tables.length === 0) return;
  const driver = mysqlDriver(queryRunner.connection);
  const mariaDb = await isMariaDbServer(queryRunner);
  const mysqlTypeOnMariaDb = mariaDb && queryRunner.connection.options.type === 'mysql';
  const jsonColumns = mariaDb ? await mariaDbJsonColumns(queryRunner, tables) : new Set<string>();
  const current = jsonColumns.size > 0 ? await queryRunner.getCurrentDatabase() : undefined;
  const doublePrecision = queryRunner.connection.driver.dataTypeDefaults?.double?.precision;
  for (const table of tables) {
    const tableKey = `${table.database ?? current}\u0000${bareTableName(table.name)}`;
    for (const column of table.columns) {
      if (!column.length) {
        const length = driver.getColumnLength({ type: column.type, length: '' });
        if (length) column.length = length;
      }
      if (column.type === 'double' && column.scale === undefined && column.precision === doublePrecision) column.precision = undefined;
      if (mysqlTypeOnMariaDb) column.default = mariaDbDefault(column.default);
      // MariaDB's generated columns take no NULL/NOT NULL and hold NULL where the expression gives
      // it (IS_NULLABLE says YES); with type 'mariadb' TypeORM leaves them read as NOT NULL.
      if (mariaDb && column.generatedType) column.isNullable = true;
      if (column.type === 'longtext' && jsonColumns.has(`${tableKey}\u0000${column.name}`)) {
        column.type = 'json';
        // utf8mb4_bin comes with the alias; any other collation was asked for.
        if (column.collation === 'utf8mb4_bin') column.collation = undefined;
      }
    }
  }
}

/**
 * Make every table this runner loads (getTable, and TypeORM's own cache behind changeColumn or
 * renameColumn) read as {@link fixMysqlLoadedTables} corrects it. Ops need it as much as
 * autogenerate: TypeORM rebuilds a column's whole definition from the loaded one, so with
 * `type: 'mysql'` on MariaDB a MODIFY or CHANGE of a nullable column would write `DEFAULT 'NULL'`.
 */
export function correctTableLoading(queryRunner: QueryRunner): void {
  correctLoadedTables(queryRunner, fixMysqlLoadedTables);
}
