/**
 * A MySQL/MariaDB schema read straight from the catalog (information_schema and SHOW CREATE TABLE,
 * not through entity-migrate or TypeORM), for "this database has the same schema as that one":
 * per table its columns in order (type, nullability, default, AUTO_INCREMENT, generated
 * expression, comment, charset, collation), its comment, engine, and its SHOW CREATE TABLE text
 * normalised (the AUTO_INCREMENT counter removed, index and constraint lines sorted: their order
 * follows creation order and means nothing); views with their definitions (the database's own
 * qualifier removed, so two databases compare). Names are kept: a baseline must keep them.
 * Left out: typeorm_metadata, entity-migrate's tables, TypeORM's migrations table.
 */
import type { DataSource } from 'typeorm';

export interface MysqlCatalogSnapshot {
  tables: Record<string, MysqlTableSnapshot>;
  views: Record<string, { definition: string; checkOption: string; securityType: string }>;
}

export interface MysqlTableSnapshot {
  comment: string;
  engine: string;
  columns: Record<string, unknown>[];
  createTable: { columns: string[]; keys: string[]; options: string };
}

const IGNORED = /^(entity_migrate_|typeorm_metadata$|migrations$)/;

/** `sql` with `` `database`. `` removed wherever it qualifies a name (not in string literals; good enough for tests). */
function unqualified(sql: string, database: string): string {
  return sql.split(`\`${database}\`.`).join('');
}

function normaliseCreateTable(sql: string): MysqlTableSnapshot['createTable'] {
  const lines = sql.split('\n');
  const body = lines.slice(1, -1).map((l) => l.trim().replace(/,$/, ''));
  const options = lines[lines.length - 1]!.replace(/ AUTO_INCREMENT=\d+/, '');
  return {
    columns: body.filter((l) => l.startsWith('`')),
    keys: body.filter((l) => !l.startsWith('`')).sort(),
    options,
  };
}

export async function mysqlCatalogSnapshot(db: DataSource): Promise<MysqlCatalogSnapshot> {
  const [{ name: database }] = (await db.query(`SELECT DATABASE() AS name`)) as { name: string }[];
  const tables = ((await db.query(
    `SELECT TABLE_NAME AS name, TABLE_COMMENT AS comment, ENGINE AS engine FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`,
  )) as { name: string; comment: string; engine: string }[]).filter((t) => !IGNORED.test(t.name));
  const columns = (await db.query(
    `SELECT TABLE_NAME AS tbl, COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS \`default\`,
            EXTRA AS extra, GENERATION_EXPRESSION AS generated, COLUMN_COMMENT AS comment,
            CHARACTER_SET_NAME AS charset, COLLATION_NAME AS collation
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`,
  )) as ({ tbl: string } & Record<string, unknown>)[];
  const snapshot: MysqlCatalogSnapshot = { tables: {}, views: {} };
  for (const table of tables) {
    const [created] = (await db.query(`SHOW CREATE TABLE \`${table.name}\``)) as Record<string, string>[];
    snapshot.tables[table.name] = {
      comment: table.comment,
      engine: table.engine,
      columns: columns.filter((c) => c.tbl === table.name).map(({ tbl: _table, ...column }) => column),
      createTable: normaliseCreateTable(created!['Create Table']!),
    };
  }
  const views = (await db.query(
    `SELECT TABLE_NAME AS name, VIEW_DEFINITION AS definition, CHECK_OPTION AS checkOption, SECURITY_TYPE AS securityType
       FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME`,
  )) as { name: string; definition: string; checkOption: string; securityType: string }[];
  for (const view of views) {
    snapshot.views[view.name] = { definition: unqualified(view.definition, database), checkOption: view.checkOption, securityType: view.securityType };
  }
  return snapshot;
}
