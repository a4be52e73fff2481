/**
 * Loading TypeORM: which TypeORM and SQLite driver this run uses — TypeORM 1.x with better-sqlite3
 * by default, 0.3.x with sqlite3 in CI's second step. Guards against the compat step silently
 * testing 1.x. No database.
 */
import { typeormVersion } from '../../src/typeorm-internals';
import { parseDatabaseUrl } from '../../src/config/database-url';

test('the TypeORM line and SQLite driver are the ones this run claims', () => {
  const compat = Boolean(process.env.EM_TYPEORM_COMPAT_DIR);
  expect(typeormVersion().major).toBe(compat ? 0 : 1);
  const sqlite = parseDatabaseUrl('sqlite:/tmp/x.db', process.cwd(), '--url');
  expect(sqlite.type).toBe(compat ? 'sqlite' : 'better-sqlite3');
});
