import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource, QueryRunner } from 'typeorm';
import { withDatabase } from '../../typeorm-internals';
import type { GivenScratch, ScratchDatabase } from '../scratch-database';
import { quoteWith } from '../sql-text';

/** SQLite's scratch database for `verify`: a file in a temporary folder, removed with it. */
export async function sqliteScratchDatabase(dataSource: DataSource): Promise<ScratchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'entity-migrate-verify-'));
  const file = join(dir, 'scratch.sqlite');
  return {
    options: withDatabase(dataSource.options, file),
    description: file,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

interface ContentRow {
  type: string;
  name: string;
}

/** Views and triggers before tables; indexes go with their tables. */
const DROP_ORDER = ['view', 'trigger', 'table'];

async function contentRows(queryRunner: QueryRunner): Promise<ContentRow[]> {
  const rows = (await queryRunner.query(
    `SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`,
  )) as ContentRow[];
  return rows.sort((a, b) => DROP_ORDER.indexOf(a.type) - DROP_ORDER.indexOf(b.type) || a.name.localeCompare(b.name));
}

/** A database file given to `verify --scratch-url`: it must hold no table, view or trigger, and is emptied again. */
export const sqliteGivenScratch: GivenScratch = {
  contents: async (queryRunner) => (await contentRows(queryRunner)).map((row) => `${row.type} ${row.name}`),
  clear: async (queryRunner) => {
    // Tables that reference each other drop in any order with the checks off.
    await queryRunner.query('PRAGMA foreign_keys = OFF');
    try {
      for (const row of await contentRows(queryRunner)) await queryRunner.query(`DROP ${row.type.toUpperCase()} IF EXISTS ${quoteWith('"', row.name)}`);
    } finally {
      await queryRunner.query('PRAGMA foreign_keys = ON');
    }
  },
};
