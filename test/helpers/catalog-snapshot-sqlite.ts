/**
 * A SQLite schema read straight from the catalog (pragmas and sqlite_master, not through
 * entity-migrate or TypeORM), for "this database has the same schema as that one": per table its
 * columns in order (pragma table_xinfo: type, NOT NULL, default, key position, generated kind),
 * AUTOINCREMENT, generated expressions, its indices (pragma index_list/index_xinfo, and the
 * partial-index predicate), foreign keys (pragma foreign_key_list, sorted: their order means
 * nothing) and named constraints and checks as the CREATE TABLE text has them (quotes and spacing
 * normalised, since a rebuilt table is written in TypeORM's spelling); views by their SELECT.
 * Left out: typeorm_metadata, entity-migrate's tables, TypeORM's migrations table, sqlite_*.
 */
import type { DataSource } from 'typeorm';

const IGNORED = /^(entity_migrate_|typeorm_metadata$|migrations$|sqlite_)/;

/** Quotes around identifiers and spacing removed, keywords upper-cased: spellings of one definition compare equal. */
export function normaliseSql(sql: string): string {
  return sql
    .replace(/"((?:[^"]|"")*)"|`([^`]*)`|\[([^\]]*)\]/g, (_m, a?: string, b?: string, c?: string) => a ?? b ?? c ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
    .replace(/\b(constraint|check|unique|primary key|foreign key|references|on delete|on update|autoincrement|as|where|select|from|and|or|is|null|not|in)\b/gi, (k) => k.toUpperCase())
    .trim();
}

/** The text between `AS(` and its closing parenthesis in the definition of `column` (in normalised SQL). */
function generatedExpression(sql: string, column: string): string | undefined {
  const start = [`(${column} `, `,${column} `].map((head) => sql.indexOf(head)).find((at) => at >= 0);
  if (start === undefined) return undefined;
  const open = sql.indexOf('AS(', start) + 2;
  let depth = 0;
  for (let i = open; i < sql.length; i++) {
    if (sql[i] === '(') depth++;
    else if (sql[i] === ')' && --depth === 0) return sql.slice(open + 1, i);
  }
  return undefined;
}

const CLAUSE = /CONSTRAINT ([^ ]+) (PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY)/g;

export async function sqliteCatalogSnapshot(db: DataSource): Promise<Record<string, unknown>> {
  const objects = (await db.query(`SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master ORDER BY name`)) as { type: string; name: string; tbl: string; sql: string | null }[];
  const tables: Record<string, unknown> = {};
  for (const table of objects.filter((o) => o.type === 'table' && !IGNORED.test(o.name))) {
    const sql = normaliseSql(table.sql ?? '');
    const columns = (await db.query(`PRAGMA table_xinfo("${table.name}")`)) as Record<string, unknown>[];
    const indexes = (await db.query(`PRAGMA index_list("${table.name}")`)) as { name: string; unique: number; origin: string; partial: number }[];
    const indexSnapshots = [];
    for (const index of indexes.sort((a, b) => a.name.localeCompare(b.name))) {
      const keys = (await db.query(`PRAGMA index_xinfo("${index.name}")`)) as { name: string | null; desc: number; coll: string; key: number; cid: number }[];
      const definition = objects.find((o) => o.type === 'index' && o.name === index.name)?.sql;
      indexSnapshots.push({
        name: index.name.startsWith('sqlite_autoindex_') ? `(${index.origin})` : index.name,
        unique: index.unique,
        origin: index.origin,
        keys: keys.filter((k) => k.key === 1).map((k) => ({ column: k.name, expression: k.cid === -2, desc: k.desc, coll: k.coll })),
        where: definition && / WHERE /i.test(normaliseSql(definition)) ? normaliseSql(definition).replace(/^.* WHERE /i, '') : undefined,
        expression: definition && /\(\s*\w+\s*\(/.test(definition) ? normaliseSql(definition) : undefined,
      });
    }
    const foreignKeys = (await db.query(`PRAGMA foreign_key_list("${table.name}")`)) as Record<string, unknown>[];
    const grouped = new Map<unknown, Record<string, unknown>[]>();
    for (const fk of foreignKeys) grouped.set(fk.id, [...(grouped.get(fk.id) ?? []), fk]);
    tables[table.name] = {
      columns: columns.map((c) => ({ name: c.name, type: String(c.type).toLowerCase(), notnull: c.notnull, default: c.dflt_value, pk: c.pk, hidden: c.hidden })),
      autoincrement: /AUTOINCREMENT/i.test(sql),
      generated: columns.filter((c) => c.hidden === 2 || c.hidden === 3).map((c) => [c.name, generatedExpression(sql, String(c.name))]),
      constraints: [...sql.matchAll(CLAUSE)].map((m) => `${m[1]} ${m[2]}`).sort(),
      checks: [...sql.matchAll(/CHECK\(/g)].length,
      indexes: indexSnapshots,
      foreignKeys: [...grouped.values()]
        .map((parts) => ({ table: parts[0]!.table, from: parts.map((p) => p.from), to: parts.map((p) => p.to), onUpdate: parts[0]!.on_update, onDelete: parts[0]!.on_delete }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    };
  }
  const views: Record<string, string> = {};
  for (const view of objects.filter((o) => o.type === 'view')) views[view.name] = normaliseSql(view.sql ?? '').replace(/^CREATE VIEW [^ ]+ AS /i, '');
  return { tables, views };
}
