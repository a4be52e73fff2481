/**
 * Online mode on SQLite (issue 11 §2): SQLite has no online form of any op, so `online: true` and
 * `revision --autogenerate --online` write the revision they would write without it, and a
 * hand-written `{ online: true }` is accepted and builds as usual. In-process CLI.
 */
import { createSqliteDatabase, withConnection } from './helpers/databases';
import { projectPerTest } from './helpers/project';

const TABLES = `await op.createTable({ name: 'book', columns: [
    { name: 'id', type: 'integer', isPrimary: true },
    { name: 'isbn', type: 'varchar', isNullable: true },
    { name: 'title', type: 'varchar', isNullable: true },
  ] });`;

const ENTITY = `
import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

@Entity('book')
@Unique('UQ_book_isbn_title', ['isbn', 'title'])
@Check('CHK_book_isbn', "length(isbn) > 3")
export class Book {
  @PrimaryColumn('integer')
  id!: number;

  @Column({ type: 'varchar', nullable: true })
  isbn!: string | null;

  @Index('IDX_book_title')
  @Column({ type: 'varchar' })
  title!: string;
}
`;

const project = projectPerTest(createSqliteDatabase, 'online-sqlite');

beforeEach(async () => {
  project.writeConfig({ entities: ['entities/*.ts'] });
  project.writeRevision('0a0a0a0a0a0a', null, TABLES, `await op.dropTable('book');`, 'tables');
  expect((await project.cli('upgrade', 'head')).stderr).toBe('');
  await withConnection(project.db, (ds) => ds.query(`INSERT INTO book (id, isbn, title) VALUES (1, 'isbn-1', 'one'), (2, 'isbn-2', 'two')`));
  project.write('entities/book.ts', ENTITY);
});

/** The upgrade and downgrade bodies of a revision file. */
const bodies = (text: string): string => text.slice(text.indexOf('export async function upgrade'));

test('revision --autogenerate --online writes what it writes without --online; it upgrades, check is clean, it downgrades', async () => {
  const plain = await project.cli('revision', '--autogenerate', '-m', 'plain');
  expect(plain.code).toBe(0);
  const plainText = bodies(project.read(plain.stdout.trim()));
  project.remove(plain.stdout.trim());

  project.writeConfig({ entities: ['entities/*.ts'], online: true });
  const online = await project.cli('revision', '--autogenerate', '--online', '-m', 'online');
  expect(online.code).toBe(0);
  expect(online.stderr).not.toContain('online:');
  const onlineText = bodies(project.read(online.stdout.trim()));
  expect(onlineText).toBe(plainText);
  expect(onlineText).not.toContain('online: true');

  const up = await project.cli('upgrade', 'head');
  expect(up.stderr).toBe('');
  const check = await project.cli('check');
  expect(check.code).toBe(0);
  expect((await project.cli('downgrade', '-1')).code).toBe(0);
});

test('a hand-written revision with { online: true } builds as usual on SQLite', async () => {
  project.remove('entities/book.ts');
  project.writeConfig({ entities: [] });
  project.writeRevision(
    '0b0b0b0b0b0b',
    '0a0a0a0a0a0a',
    [
      `await op.createIndex('book', { name: 'IDX_book_title', columnNames: ['title'] }, { online: true });`,
      `await op.createUnique('book', { name: 'UQ_book_isbn_title', columnNames: ['isbn', 'title'] }, { online: true });`,
      `await op.createCheck('book', { name: 'CHK_book_isbn', expression: 'length(isbn) > 3' }, { online: true });`,
      `await op.alterColumn('book', 'title', { isNullable: false }, { existing: { name: 'title', type: 'varchar', isNullable: true }, online: true });`,
    ].join('\n  '),
    [
      `await op.alterColumn('book', 'title', { isNullable: true }, { existing: { name: 'title', type: 'varchar', isNullable: false }, online: true });`,
      `await op.dropCheck('book', { name: 'CHK_book_isbn', expression: 'length(isbn) > 3' }, { online: true });`,
      `await op.dropUnique('book', { name: 'UQ_book_isbn_title', columnNames: ['isbn', 'title'] }, { online: true });`,
      `await op.dropIndex('book', { name: 'IDX_book_title', columnNames: ['title'] }, { online: true });`,
    ].join('\n  '),
    'online by hand',
  );
  const up = await project.cli('upgrade', 'head');
  expect(up.stderr).toBe('');
  const sql = await withConnection(project.db, (ds) => ds.query(`SELECT sql FROM sqlite_master WHERE name = 'book'`));
  expect(sql[0].sql).toContain('CHK_book_isbn');
  expect(sql[0].sql).toMatch(/"title" varchar NOT NULL/);
  const down = await project.cli('downgrade', 'base');
  expect(down.stderr).toBe('');
});

test('a bad online option is refused with one line naming the op', async () => {
  project.writeRevision('0b0b0b0b0b0b', '0a0a0a0a0a0a', `await op.createIndex('book', { columnNames: ['title'] }, { online: 'yes' } as never);`, '', 'bad');
  const up = await project.cli('upgrade', 'head');
  expect(up.code).toBe(1);
  expect(up.stderr.trim().split('\n')).toEqual([expect.stringContaining('op.createIndex("book"): options must be { online: true } or { online: false }')]);
});

test('a config whose "online" is not true or false is refused before anything runs', async () => {
  project.writeConfig({ entities: ['entities/*.ts'], online: 'yes' });
  const check = await project.cli('check');
  expect(check.code).toBe(1);
  expect(check.stderr.trim()).toBe('error: entity-migrate.config.json: "online" must be true or false, got "yes"');
});
