/**
 * The schema builder's load of the live tables, kept for the passes of the same comparison (see
 * live-tables.ts): copies taken before the builder changes its own as it plans.
 */
import type { Table } from 'typeorm';
import { localTableName } from '../../ops/table-path';
import { findTable } from './find-table';

/** What the schema builder's table load found, as it was before the builder changed its copies. */
export class BuilderTables {
  private asked = new Set<string>();
  private tables: Table[] = [];
  private loaded = false;

  constructor(private readonly defaultSchema: string | undefined) {}

  /** The builder's first `getTables(names)`; a later one (none seen so far) is left alone. */
  record(names: readonly string[], tables: readonly Table[]): void {
    if (this.loaded) return;
    this.loaded = true;
    this.asked = new Set(names.map((name) => localTableName(name, this.defaultSchema)));
    this.tables = tables.map((table) => table.clone());
  }

  /** Copies of the tables at `paths` that exist, when the builder asked for every one of them. */
  tablesAt(paths: readonly string[]): Table[] | undefined {
    if (!this.loaded || !paths.every((path) => this.asked.has(localTableName(path, this.defaultSchema)))) return undefined;
    const found = new Set<Table>();
    for (const path of paths) {
      const table = findTable(this.tables, path) ?? findTable(this.tables, localTableName(path, this.defaultSchema));
      if (table) found.add(table);
    }
    return [...found].map((table) => table.clone());
  }
}
