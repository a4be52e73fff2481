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
 */
import type { QueryRunner, Table, TableColumn } from 'typeorm';

interface MysqlDriverInternals {
  getColumnLength(column: Pick<TableColumn, 'type' | 'length'>): string;
}

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

export async function fixMysqlLoadedTables(queryRunner: QueryRunner, tables: readonly Table[]): Promise<void> {
  if (tables.length === 0) return;
  const driver = queryRunner.connection.driver as unknown as MysqlDriverInternals;
  const mysqlTypeOnMariaDb = queryRunner.connection.options.type === 'mysql' && (await isMariaDbServer(queryRunner));
  for (const table of tables) {
    for (const column of table.columns) {
      if (!column.length) {
        const length = driver.getColumnLength({ type: column.type, length: '' });
        if (length) column.length = length;
      }
      if (mysqlTypeOnMariaDb) column.default = mariaDbDefault(column.default);
    }
  }
}

const correctedRunners = new WeakSet<QueryRunner>();

/**
 * Make every table this runner loads (getTable, and TypeORM's own cache behind changeColumn or
 * renameColumn) read as {@link fixMysqlLoadedTables} corrects it. Ops need it as much as
 * autogenerate: TypeORM rebuilds a column's whole definition from the loaded one, so with
 * `type: 'mysql'` on MariaDB a MODIFY or CHANGE of a nullable column would write `DEFAULT 'NULL'`.
 */
export function correctTableLoading(queryRunner: QueryRunner): void {
  if (correctedRunners.has(queryRunner)) return;
  correctedRunners.add(queryRunner);
  // `loadTables` is protected in TypeORM's typings; every table read goes through it.
  const runner = queryRunner as unknown as { loadTables(names?: string[]): Promise<Table[]> };
  const load = runner.loadTables.bind(queryRunner);
  runner.loadTables = async (names) => {
    const tables = await load(names);
    await fixMysqlLoadedTables(queryRunner, tables);
    return tables;
  };
}
