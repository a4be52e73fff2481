/**
 * SQLite tables written by hand, as databases adopted with `baseline` have them: unquoted names, a
 * declared `int`, `INTEGER PRIMARY KEY` without NOT NULL, checks written on a column without a
 * name. TypeORM read the first two as differences from every entity (`~ column (type)`,
 * `~ column (isNullable)` on each check) and did not read unnamed checks at all, so `check` asked to
 * create them forever and every table rebuild dropped them without a word. Needs SQLite.
 */
import { createSqliteDatabase, withConnection } from './helpers/databases';
import { projectPerTest } from './helpers/project';

const TEAM = `CREATE TABLE team (id integer PRIMARY KEY AUTOINCREMENT, name varchar(80) NOT NULL, size int CHECK (size > 0))`;

const ENTITY = `import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity('team')
@Check('size > 0')
export class Team {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 80 }) name!: string;
  @Column({ type: 'int', nullable: true }) size!: number | null;
}
`;

const STATUS_ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity('ticket')
export class Ticket {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'simple-enum', enum: ['open', 'closed'], default: 'open' }) status!: string;
}
`;

type Column = { name: string; type: string; notnull: number; pk: number };
const columns = (db: Parameters<typeof withConnection>[0]) => withConnection(db, (ds) => ds.query(`PRAGMA table_xinfo('team')`) as Promise<Column[]>);

describe('hand-written SQLite tables', () => {
  const project = projectPerTest(createSqliteDatabase, 'sqlite-hand-written');
  const fresh = projectPerTest(createSqliteDatabase, 'sqlite-hand-written-fresh');

  beforeEach(async () => {
    await withConnection(project.db, (ds) => ds.query(TEAM));
  });

  test('an entity describing the table exactly: check finds nothing', async () => {
    project.write('entities/team.ts', ENTITY);
    project.writeConfig({ entities: ['entities/*.ts'] });
    project.writeRevision('a1', null, '', '');
    expect((await project.cli('stamp', 'head')).code).toBe(0);
    const check = await project.cli('check');
    expect(check.stdout).toContain('No changes detected');
    expect(check.code).toBe(0);
  });

  test('a table rebuild keeps the unnamed check (it still refuses a bad row)', async () => {
    project.writeConfig();
    project.writeRevision('a1', null, `await op.alterColumn('team', 'name', { length: '200' }, { existing: { name: 'name', type: 'varchar', length: '80', isNullable: false } });`, '');
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    await expect(withConnection(project.db, (ds) => ds.query(`INSERT INTO team (name, size) VALUES ('x', 0)`))).rejects.toThrow(/CHECK constraint failed/);
  });

  test('baseline recreates the columns as declared: the same int, the same nullable rowid key', async () => {
    project.writeConfig();
    expect((await project.cli('baseline', '-m', 'baseline')).code).toBe(0);
    const [file] = project.revisionFiles();
    fresh.write(`migrations/versions/${file}`, project.read(`migrations/versions/${file}`));
    fresh.writeConfig();
    expect((await fresh.cli('upgrade', 'head')).code).toBe(0);
    expect(await columns(fresh.db)).toEqual(await columns(project.db));
    await expect(withConnection(fresh.db, (ds) => ds.query(`INSERT INTO team (name, size) VALUES ('x', 0)`))).rejects.toThrow(/CHECK constraint failed/);
  });

  test("TypeORM's own enum CHECK on a column stays the column's enum, not a check", async () => {
    project.write('entities/ticket.ts', STATUS_ENTITY);
    project.writeConfig({ entities: ['entities/*.ts'], include: ['ticket'] });
    expect((await project.cli('revision', '--autogenerate', '-m', 'ticket')).code).toBe(0);
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    const check = await project.cli('check');
    expect(check.stdout).toContain('No changes detected');
  });
});
