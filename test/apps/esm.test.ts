/**
 * examples/esm: a `"type": "module"` TypeScript app (NodeNext, `.js` specifiers, `Relation<>` on
 * two-way relations, top-level await in the data source), driven through the built CLI from
 * `init` on, and its compiled entry point upgrading at startup.
 */
import { createPostgresDatabase, tableNames, versionRows, type TestDatabase } from '../helpers/databases';
import { ensureBuilt } from '../helpers/spawn-cli';
import { AppCopy, expectExit, printedRevision, query } from './app-copy';

jest.setTimeout(600_000);

const ENTITY_TABLES = ['author', 'book', 'loan', 'member', 'publisher', 'review'];
const OUR_TABLES = ['entity_migrate_history', 'entity_migrate_version'];

describe('examples/esm', () => {
  let db: TestDatabase;
  let app: AppCopy;

  beforeAll(() => ensureBuilt());
  beforeEach(async () => {
    db = await createPostgresDatabase();
    app = new AppCopy('esm');
    app.write('secrets/database-url', `${db.url}\n`); // read with top-level await by src/data-source.ts
  });
  afterEach(async () => {
    app.remove();
    await db.drop();
  });

  test('init, autogenerate, upgrade, check, verify, edits with rows, down and up; the compiled app upgrades at startup', async () => {
    const init = await app.cli(['init', '--data-source', './src/data-source.ts']);
    expectExit(init, 0, 'init');
    expect(init.stdout).toContain('Created entity-migrate.config.ts');

    const first = await app.cli(['revision', '--autogenerate', '-m', 'create library tables']);
    expectExit(first, 0, 'revision --autogenerate (first)');
    expect(app.read(printedRevision(first))).toContain('op.createTable');
    expectExit(await app.cli(['upgrade', 'head']), 0, 'upgrade head');
    expect(await tableNames(db)).toEqual([...ENTITY_TABLES, ...OUR_TABLES].sort());
    expectExit(await app.cli(['check']), 0, 'check after the first upgrade');
    expectExit(await app.cli(['verify']), 0, 'verify');

    await query(db, `INSERT INTO author (name, "bornIn") VALUES ('Ursula K. Le Guin', 1929), ('Italo Calvino', 1923)`);
    await query(db, `INSERT INTO publisher (name, country) VALUES ('Ace Books', 'US'), ('Einaudi', 'IT')`);
    await query(db, `INSERT INTO book (isbn, title, format, price, "authorId", "publisherId") VALUES
      ('9780441478125', 'The Left Hand of Darkness', 'paperback', 12.99, 1, 1),
      ('9788806219888', 'Le città invisibili', 'hardcover', 18.50, 2, 2)`);
    const [{ id: memberId }] = await query<{ id: string }>(
      db,
      `INSERT INTO member (email, "fullName") VALUES ('reader@example.com', 'Rita Reader') RETURNING id`,
    );
    await query(db, `INSERT INTO loan ("bookId", "memberId", "borrowedOn") VALUES (1, $1, '2026-11-02'), (2, $1, '2026-11-20')`, [memberId]);
    await query(db, `INSERT INTO review ("bookId", "memberId", rating, body) VALUES (2, $1, 5, 'Every city is Venice')`, [memberId]);

    // Edits: rename a column, add one, widen a varchar, add an index and an enum value.
    app.edit('src/entities/member.ts', '  fullName: string;', '  displayName: string;');
    app.edit('src/entities/book.ts', `@Column({ type: 'varchar', length: 100 })`, `@Column({ type: 'varchar', length: 300 })`);
    app.edit('src/entities/book.ts', `  @Column({ type: 'numeric'`, `  @Column({ type: 'integer', nullable: true })\n  pages: number | null;\n\n  @Column({ type: 'numeric'`);
    app.edit('src/entities/book.ts', `'paperback' | 'ebook';`, `'paperback' | 'ebook' | 'audiobook';`);
    app.edit('src/entities/book.ts', `enum: ['hardcover', 'paperback', 'ebook']`, `enum: ['hardcover', 'paperback', 'ebook', 'audiobook']`);
    app.edit('src/entities/loan.ts', `  @Column({ type: 'date' })`, `  @Index('idx_loan_borrowed_on')\n  @Column({ type: 'date' })`);
    app.edit('src/entities/loan.ts', 'import { Column, Entity,', 'import { Column, Entity, Index,');

    expectExit(await app.cli(['check']), 2, 'check with edited entities');
    const second = await app.cli(['revision', '--autogenerate', '-m', 'member display name, pages', '--rename', 'member.fullName:displayName']);
    expectExit(second, 0, 'revision --autogenerate (edits)');
    const source = app.read(printedRevision(second));
    expect(source).toContain(`op.renameColumn('member', 'fullName', 'displayName')`);
    expect(source).not.toContain('DESTRUCTIVE');
    expectExit(await app.cli(['upgrade', 'head']), 0, 'upgrade head (edits)');
    expectExit(await app.cli(['check']), 0, 'check after the edits');

    expect(await query(db, `SELECT email, "displayName" FROM member`)).toEqual([{ email: 'reader@example.com', displayName: 'Rita Reader' }]);
    expect(await query(db, `SELECT isbn, title, format, price, pages FROM book ORDER BY id`)).toEqual([
      { isbn: '9780441478125', title: 'The Left Hand of Darkness', format: 'paperback', price: '12.99', pages: null },
      { isbn: '9788806219888', title: 'Le città invisibili', format: 'hardcover', price: '18.50', pages: null },
    ]);
    expect(await query(db, `SELECT "borrowedOn"::text AS d FROM loan ORDER BY id`)).toEqual([{ d: '2026-11-02' }, { d: '2026-11-20' }]);
    expect(await query(db, `SELECT rating, body FROM review`)).toEqual([{ rating: 5, body: 'Every city is Venice' }]);
    await query(db, `INSERT INTO book (isbn, title, format, price, pages, "authorId") VALUES ('9780000000001', $1, 'audiobook', 9.99, 320, 1)`, [
      'T'.repeat(300),
    ]);
    expect(await query(db, `SELECT indexname FROM pg_indexes WHERE tablename = 'loan' AND indexname = 'idx_loan_borrowed_on'`)).toHaveLength(1);
    await query(db, `DELETE FROM book WHERE isbn = '9780000000001'`); // so the downgrade can narrow title and drop 'audiobook'

    expectExit(await app.cli(['downgrade', 'base']), 0, 'downgrade base');
    expect(await tableNames(db)).toEqual(OUR_TABLES);
    expectExit(await app.cli(['upgrade', 'head']), 0, 'upgrade head (again)');
    expectExit(await app.cli(['check']), 0, 'check at the end');

    // The app itself, compiled as ES modules, upgrades at startup.
    expectExit(await app.tsc(['-p', 'tsconfig.json']), 0, 'tsc (NodeNext)');
    expectExit(await app.cli(['downgrade', 'base']), 0, 'downgrade base before the app starts');
    const started = await app.node(['dist/src/main.js']);
    expectExit(started, 0, 'node dist/src/main.js');
    const status = JSON.parse(started.stdout.trim().split('\n').find((l) => l.startsWith('{"event":"ready"')) ?? '{}') as { applied?: string[] };
    expect(status.applied).toHaveLength(2);
    expect(await versionRows(db)).toHaveLength(1);
    expectExit(await app.cli(['check']), 0, 'check after the app upgraded');
  });

  // In a "type": "module" package the data source and its entities load as ES modules; a revision
  // that imports an entity must run against that same class, or TypeORM has no metadata for it
  // ("No metadata for \"Author\" was found").
  test('a data revision that imports an entity class gets the class the DataSource knows', async () => {
    expectExit(await app.cli(['init', '--data-source', './src/data-source.ts']), 0, 'init');
    expectExit(await app.cli(['revision', '--autogenerate', '-m', 'create library tables']), 0, 'revision --autogenerate');
    const seed = await app.cli(['revision', '-m', 'first author']);
    expectExit(seed, 0, 'revision -m');
    const file = printedRevision(seed);
    app.edit(file, `from 'typeorm-entity-migrate';`, `from 'typeorm-entity-migrate';\nimport { Author } from '../../src/entities/author.js';`);
    app.edit(
      file,
      /export async function upgrade[\s\S]*$/,
      [
        `export async function upgrade({ queryRunner }: MigrationContext): Promise<void> {`,
        `  await queryRunner.manager.getRepository(Author).insert({ name: 'Octavia E. Butler', bornIn: 1947 });`,
        `}`,
        ``,
        `export async function downgrade({ queryRunner }: MigrationContext): Promise<void> {`,
        `  await queryRunner.manager.getRepository(Author).delete({ name: 'Octavia E. Butler' });`,
        `}`,
        ``,
      ].join('\n'),
    );
    expectExit(await app.cli(['upgrade', 'head']), 0, 'upgrade head');
    expect(await query(db, `SELECT name, "bornIn" FROM author`)).toEqual([{ name: 'Octavia E. Butler', bornIn: 1947 }]);
  });
});
