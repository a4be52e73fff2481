/**
 * Runtime: `stamp` moves the version table in one transaction. Stamping two heads onto their merge
 * deletes two rows and inserts one; when the INSERT fails (here a trigger refuses it), the table
 * keeps both heads instead of being left empty ("at base"). MariaDB ran the three statements
 * without a transaction (issue 10, item 3); SQLite too.
 */
import { createMysqlDatabase, DIALECTS, versionRows, withConnection, type TestDatabase } from './helpers/databases';
import { projectPerTest } from './helpers/project';

/** A trigger that refuses every INSERT into the version table, in the dialect's syntax. */
const REFUSE_INSERT: Record<TestDatabase['dialect'], string[]> = {
  postgres: [
    `CREATE FUNCTION refuse_insert() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'insert refused'; END $$ LANGUAGE plpgsql`,
    'CREATE TRIGGER refuse BEFORE INSERT ON entity_migrate_version FOR EACH ROW EXECUTE FUNCTION refuse_insert()',
  ],
  mysql: [`CREATE TRIGGER refuse BEFORE INSERT ON entity_migrate_version FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'insert refused'`],
  sqlite: [`CREATE TRIGGER refuse BEFORE INSERT ON entity_migrate_version BEGIN SELECT RAISE(ABORT, 'insert refused'); END`],
};

const dialects: [string, () => Promise<TestDatabase>][] = [...Object.entries(DIALECTS), ['mariadb', () => createMysqlDatabase()]];

describe.each(dialects)('stamp on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase);

  test('a failing INSERT leaves the version table as it was', async () => {
    project.writeConfig();
    project.writeRevision('aaaa00000001', null, '', '', 'base');
    project.writeRevision('bbbb00000001', 'aaaa00000001', '', '', 'left');
    project.writeRevision('bbbb00000002', 'aaaa00000001', '', '', 'right');
    project.writeRevision('cccc00000001', ['bbbb00000001', 'bbbb00000002'], '', '', 'merge');
    expect((await project.cli('stamp', 'bbbb00000001')).code).toBe(0);
    await withConnection(project.db, async (ds) => {
      await ds.query(`INSERT INTO entity_migrate_version (version_num) VALUES ('bbbb00000002')`);
      for (const sql of REFUSE_INSERT[project.db.dialect]) await ds.query(sql);
    });

    const result = await project.cli('stamp', 'cccc00000001');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('insert refused');
    expect(await versionRows(project.db)).toEqual(['bbbb00000001', 'bbbb00000002']);
    expect((await project.cli('current')).stdout).toContain('bbbb00000001');
  });
});
