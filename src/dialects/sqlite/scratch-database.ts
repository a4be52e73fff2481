import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { withDatabase } from '../../typeorm-internals';
import type { ScratchDatabase } from '../scratch-database';

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
