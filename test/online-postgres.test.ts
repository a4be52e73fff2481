/**
 * Online mode on PostgreSQL (issue 11 §2): `revision --autogenerate --online` writes, for tables
 * that exist, a concurrent index, a unique built as a concurrent index then attached, a foreign key
 * and a check added NOT VALID then validated, SET NOT NULL through a validated check; a type change
 * that rewrites the table is left as written with a BLOCKING comment and a warning. Upgrading runs
 * while a writer inserts into the table (no write fails), and a run that stops at any step (a bad
 * row fails a validation or the unique build, or the process is killed) is finished by running
 * upgrade again, after which `check` is clean. In-process CLI, except the kill.
 */
import { DataSource, DefaultNamingStrategy } from 'typeorm';
import { createPostgresDatabase, versionRows, withConnection, type TestDatabase } from './helpers/databases';
import { projectPerTest, type TestProject } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';
import { scaled, waitFor } from './helpers/wait-for';

const TABLES = `await op.createTable({ name: 'author', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });
  await op.createTable({ name: 'book', columns: [
    { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
    { name: 'author_id', type: 'integer', isNullable: true },
    { name: 'isbn', type: 'varchar', isNullable: true },
    { name: 'title', type: 'varchar', isNullable: true },
    { name: 'pages', type: 'integer', default: 1 },
  ] });`;

const ENTITIES = `
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('author')
export class Author {
  @PrimaryColumn('integer')
  id!: number;
}

@Entity('book')
@Unique('UQ_book_author_isbn', ['author_id', 'isbn'])
@Check('CHK_book_pages', '"pages" >= 0')
export class Book {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer', nullable: true })
  author_id!: number | null;

  @ManyToOne(() => Author)
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_book_author' })
  author!: Author;

  @Column({ type: 'varchar', nullable: true, unique: true })
  isbn!: string | null;

  @Index('IDX_book_title')
  @Column({ type: 'varchar' })
  title!: string;

  @Column({ type: 'integer', default: 1 })
  pages!: number;

  @Column({ type: 'varchar', nullable: true })
  note!: string | null;
}
`;

const project = projectPerTest(createPostgresDatabase, 'online-pg');

async function seed(project: TestProject, rows = 2000): Promise<void> {
  project.writeConfig({ entities: ['entities/*.ts'], ddlLockTimeout: 0 });
  project.writeRevision('0a0a0a0a0a0a', null, TABLES, `await op.dropTable('book'); await op.dropTable('author');`, 'tables');
  const up = await project.cli('upgrade', 'head');
  expect(up.stderr).toBe('');
  await withConnection(project.db, async (ds) => {
    await ds.query(`INSERT INTO author (id) SELECT g FROM generate_series(1, 10) g`);
    await ds.query(`INSERT INTO book (author_id, isbn, title, pages) SELECT 1 + g % 10, 'isbn-' || g, 'title ' || g, g FROM generate_series(1, ${rows}) g`);
    await ds.query('ANALYZE book');
  });
  project.write('entities/library.ts', ENTITIES);
}

/** Autogenerate the online revision; returns its file's text. */
async function onlineRevision(project: TestProject): Promise<{ text: string; stderr: string }> {
  const revision = await project.cli('revision', '--autogenerate', '--online', '-m', 'online');
  expect(revision.code).toBe(0);
  return { text: project.read(revision.stdout.trim()), stderr: revision.stderr };
}

/** Constraints of book with whether they are validated, and its indexes with whether they are valid. */
async function bookCatalog(db: TestDatabase): Promise<{ constraints: Record<string, boolean>; indexes: Record<string, boolean>; titleNotNull: boolean }> {
  return withConnection(db, async (ds) => {
    const constraints = (await ds.query(`SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'book'::regclass AND contype <> 'p'`)) as { conname: string; convalidated: boolean }[];
    const indexes = (await ds.query(
      `SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'book'::regclass AND NOT i.indisprimary`,
    )) as { relname: string; indisvalid: boolean }[];
    const [{ attnotnull }] = (await ds.query(`SELECT attnotnull FROM pg_attribute WHERE attrelid = 'book'::regclass AND attname = 'title'`)) as { attnotnull: boolean }[];
    return {
      constraints: Object.fromEntries(constraints.map((c) => [c.conname, c.convalidated])),
      indexes: Object.fromEntries(indexes.map((i) => [i.relname, i.indisvalid])),
      titleNotNull: attnotnull,
    };
  });
}

/** The isbn column's unique constraint, named by TypeORM's naming strategy. */
const ISBN_UNIQUE = new DefaultNamingStrategy().uniqueConstraintName('book', ['isbn']);

const DONE = {
  constraints: { UQ_book_author_isbn: true, CHK_book_pages: true, FK_book_author: true, [ISBN_UNIQUE]: true },
  indexes: { UQ_book_author_isbn: true, IDX_book_title: true, [ISBN_UNIQUE]: true },
  titleNotNull: true,
};

/** `check` has nothing pending (its lock lines aside). */
async function expectCheckClean(project: TestProject): Promise<void> {
  const check = await project.cli('check');
  expect(check.stdout.split('\n').filter((l) => l.trim() && !l.trim().startsWith('lock:'))).toEqual([expect.stringContaining('No changes')]);
  expect(check.code).toBe(0);
}

/**
 * The application: one connection inserting valid books one after another until stopped. Each
 * insert that fails is kept (none should).
 */
function startWriter(db: TestDatabase): { written: () => number; stop: () => Promise<{ written: number; failures: string[] }> } {
  const failures: string[] = [];
  let written = 0;
  let running = true;
  const ds = new DataSource({ type: 'postgres', url: db.url });
  const loop = (async () => {
    await ds.initialize();
    for (let i = 0; running; i++) {
      try {
        await ds.query(`INSERT INTO book (author_id, isbn, title, pages) VALUES ($1, $2, $3, $4)`, [1 + (i % 10), `writer-${i}`, `written ${i}`, i]);
        written++;
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    await ds.destroy();
  })();
  return {
    written: () => written,
    stop: async () => {
      running = false;
      await loop;
      return { written, failures };
    },
  };
}

describe('online revisions on PostgreSQL', () => {
  beforeEach(() => seed(project));

  test('autogenerate writes the online ops, warns about the rewrite, and reverses them in the downgrade', async () => {
    project.write('entities/library.ts', ENTITIES.replace(`@Column({ type: 'integer', default: 1 })`, `@Column({ type: 'bigint', default: 1 })`));
    const { text, stderr } = await onlineRevision(project);
    const upgrade = text.slice(text.indexOf('upgrade('), text.indexOf('downgrade('));
    const downgrade = text.slice(text.indexOf('downgrade('));
    const q = `['"]`;
    expect(upgrade).toMatch(new RegExp(`await op\\.createIndex\\(${q}book${q}, \\{[^}]*${q}IDX_book_title${q}[^}]*isConcurrent: true[^}]*\\}\\);`));
    for (const [call, name] of [['createUnique', 'UQ_book_author_isbn'], ['createCheck', 'CHK_book_pages'], ['createForeignKey', 'FK_book_author']]) {
      expect(upgrade).toMatch(new RegExp(`await op\\.${call}\\(${q}book${q}, \\{[^}]*${q}${name}${q}[^}]*\\}, \\{ online: true \\}\\);`));
    }
    expect(upgrade).toMatch(new RegExp(`await op\\.alterColumn\\(${q}book${q}, ${q}title${q}, \\{ isNullable: false \\}, \\{.*online: true \\}\\);`));
    expect(upgrade).toMatch(new RegExp(`await op\\.alterColumn\\(${q}book${q}, ${q}isbn${q}, \\{ isUnique: true \\}, \\{.*online: true \\}\\);`));
    // The new column is a plain addColumn: nullable, no default, a catalog update already.
    expect(upgrade).toMatch(new RegExp(`await op\\.addColumn\\(${q}book${q}, \\{[^}]*${q}note${q}[^}]*\\}\\);`));
    expect(upgrade).toMatch(/\/\/ BLOCKING: ~ column book\.pages[^\n]*rewrites every row \(~2,000 rows/);
    expect(upgrade.match(/BLOCKING/g)).toHaveLength(1);
    expect(stderr).toMatch(/warning: online: no online form, left as written: ~ column book\.pages[^\n]*rewrites every row/);
    expect(downgrade).toMatch(new RegExp(`await op\\.dropUnique\\(${q}book${q}, \\{[^}]*\\}, \\{ online: true \\}\\);`));
    expect(downgrade).toMatch(new RegExp(`await op\\.dropIndex\\(${q}book${q}, \\{[^}]*isConcurrent: true[^}]*\\}\\);`));
    expect(downgrade).toMatch(new RegExp(`await op\\.alterColumn\\(${q}book${q}, ${q}title${q}, \\{ isNullable: true \\}, \\{.*online: true \\}\\);`));
  });

  test('check and the lock report show the online ops as short-lock ops', async () => {
    project.writeConfig({ entities: ['entities/*.ts'], ddlLockTimeout: 0, online: true, largeTableRows: 100 });
    const check = await project.cli('check');
    expect(check.code).toBe(2);
    expect(check.stderr).not.toContain('blocking:');
    expect(check.stdout).toContain('book: SHARE UPDATE EXCLUSIVE, reads and writes go on while it builds an index over every row');
    expect(check.stdout).toContain('book: SHARE UPDATE EXCLUSIVE, reads and writes go on while it reads every row');
    expect(check.stdout).not.toMatch(/book: (SHARE|ACCESS EXCLUSIVE|SHARE ROW EXCLUSIVE), blocks [^\n]* while/);
  });

  test('upgrade runs while the app writes: no write fails, every constraint ends valid, check is clean; downgrade and upgrade again', async () => {
    await onlineRevision(project);
    const writer = startWriter(project.db);
    await waitFor('the writer to insert', () => writer.written() > 0);
    const up = await project.cli('upgrade', 'head');
    const before = writer.written();
    await waitFor('the writer to insert after the upgrade', () => writer.written() > before);
    const { failures, written } = await writer.stop();
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(failures).toEqual([]);
    expect(written).toBeGreaterThan(1);
    expect(await bookCatalog(project.db)).toEqual(DONE);
    await expectCheckClean(project);

    const down = await project.cli('downgrade', '-1');
    expect(down.stderr).toBe('');
    expect(await bookCatalog(project.db)).toEqual({ constraints: {}, indexes: {}, titleNotNull: false });
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    expect(await bookCatalog(project.db)).toEqual(DONE);
  });

  /**
   * A row the new constraint refuses makes its step fail after the steps before it committed: the
   * version row stays, the constraint is left NOT VALID (or the unique index INVALID). Once the row
   * is fixed, upgrade again skips what is done (the column added before is not added again) and
   * finishes; check is clean.
   */
  test.each([
    ['a duplicate isbn fails the concurrent unique build', `INSERT INTO book (author_id, isbn, title, pages) VALUES (2, 'isbn-1', 'dup', 1)`, `DELETE FROM book WHERE title = 'dup'`, { index: ISBN_UNIQUE }],
    ['a NULL title fails the NOT NULL check', `INSERT INTO book (author_id, isbn, title, pages) VALUES (2, 'x-1', NULL, 1)`, `UPDATE book SET title = 't' WHERE title IS NULL`, { constraint: 'CHK_book_title_not_null' }],
    ['a negative pages fails the check', `INSERT INTO book (author_id, isbn, title, pages) VALUES (2, 'x-1', 't', -1)`, `UPDATE book SET pages = 0 WHERE pages < 0`, { constraint: 'CHK_book_pages' }],
    ['a missing author fails the foreign key', `INSERT INTO book (author_id, isbn, title, pages) VALUES (99, 'x-1', 't', 1)`, `INSERT INTO author (id) VALUES (99)`, { constraint: 'FK_book_author' }],
  ])('%s; upgrade again after the fix finishes it', async (_, badRow, fix, leftOver: { index?: string; constraint?: string }) => {
    await onlineRevision(project);
    await withConnection(project.db, (ds) => ds.query(badRow));
    const failed = await project.cli('upgrade', 'head');
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(await versionRows(project.db)).toEqual(['0a0a0a0a0a0a']);
    const catalog = await bookCatalog(project.db);
    if (leftOver.index) expect(catalog.indexes[leftOver.index]).toBe(false);
    if (leftOver.constraint) expect(catalog.constraints[leftOver.constraint]).toBe(false);
    // The column added first stayed (committed with the first step that runs on its own).
    const columns = await withConnection(project.db, (ds) => ds.query(`SELECT 1 FROM pg_attribute WHERE attrelid = 'book'::regclass AND attname = 'note'`));
    expect(columns).toHaveLength(1);

    await withConnection(project.db, (ds) => ds.query(fix));
    const again = await project.cli('upgrade', 'head');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(await bookCatalog(project.db)).toEqual(DONE);
    expect(await versionRows(project.db)).not.toEqual(['0a0a0a0a0a0a']);
    // No progress rows are left behind.
    const progress = await withConnection(project.db, (ds) => ds.query(`SELECT direction FROM entity_migrate_history WHERE direction LIKE 'up:%'`));
    expect(progress).toEqual([]);
    await expectCheckClean(project);
  });

  test('a process killed while its concurrent unique build waits leaves an INVALID index; upgrade again rebuilds it', async () => {
    ensureBuilt();
    // Without the new column, whose ADD COLUMN would wait for the app transaction below: the build comes first.
    project.write('entities/library.ts', ENTITIES.replace(/@Column\(\{ type: 'varchar', nullable: true \}\)\n  note!: string \| null;/, ''));
    const { text } = await onlineRevision(project);
    expect(text).not.toContain('note');
    // An app transaction that wrote to the table: a concurrent build waits for it after making its (invalid) index.
    const app = new DataSource({ type: 'postgres', url: project.db.url });
    await app.initialize();
    const runner = app.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query(`INSERT INTO book (author_id, isbn, title, pages) VALUES (1, 'open-tx', 't', 1)`);
      const running = project.start(['upgrade', 'head']);
      // Asked on another connection: inside a transaction pg_stat_activity keeps its first answer.
      const building = () =>
        app.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'CREATE UNIQUE INDEX CONCURRENTLY%' AND wait_event_type IS NOT NULL AND wait_event_type = 'Lock'`,
        ) as Promise<{ pid: number }[]>;
      let exited = false;
      void running.done.then(() => (exited = true));
      await waitFor('the concurrent build to wait for the app transaction', async () => {
        if (exited) throw new Error(`upgrade ended before its build waited: ${running.stderr}`);
        return (await building()).length > 0;
      });
      const [{ pid }] = await building();
      running.child.kill('SIGKILL');
      expect((await running.done).signal).toBe('SIGKILL');
      // The server notices a dead client only when it next talks to it; end the backend for it.
      await app.query('SELECT pg_terminate_backend($1)', [pid]);
      await waitFor('the killed backend to end', async () => ((await app.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])) as unknown[]).length === 0);
      await runner.commitTransaction();
    } finally {
      await runner.release();
      await app.destroy();
    }
    expect(await versionRows(project.db)).toEqual(['0a0a0a0a0a0a']);
    expect((await bookCatalog(project.db)).indexes[ISBN_UNIQUE]).toBe(false);

    const again = await project.cli('upgrade', 'head');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(await bookCatalog(project.db)).toEqual(DONE);
    await expectCheckClean(project);
  }, scaled(300_000));
});

describe('online revisions on PostgreSQL, --sql', () => {
  const sqlProject = projectPerTest(createPostgresDatabase, 'online-pg-sql');
  beforeEach(() => seed(sqlProject));

  test('upgrade --sql prints the same steps, the non-transactional ones between COMMIT and BEGIN', async () => {
    await onlineRevision(sqlProject);
    const script = await sqlProject.cli('upgrade', 'head', '--sql');
    expect(script.code).toBe(0);
    const sql = script.stdout
      .split('\n')
      .filter((l) => !l.startsWith('--') && !l.startsWith('SET LOCAL'))
      .join('\n')
      // TypeORM's lines put one or two spaces before an index's columns.
      .replace(/ {2,}/g, ' ');
    const isbn = ISBN_UNIQUE;
    const expected = [
      `ALTER TABLE "book" ADD "note" character varying;\nCOMMIT;`,
      `COMMIT;\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "${isbn}" ON "book" ("isbn");\nBEGIN;`,
      `BEGIN;\nALTER TABLE "book" ADD CONSTRAINT "${isbn}" UNIQUE USING INDEX "${isbn}";\nCOMMIT;`,
      `BEGIN;\nALTER TABLE "book" ADD CONSTRAINT "CHK_book_title_not_null" CHECK ("title" IS NOT NULL) NOT VALID;\nCOMMIT;`,
      `BEGIN;\nALTER TABLE "book" VALIDATE CONSTRAINT "CHK_book_title_not_null";\nCOMMIT;`,
      `BEGIN;\nALTER TABLE "book" ALTER COLUMN "title" SET NOT NULL;\nALTER TABLE "book" DROP CONSTRAINT "CHK_book_title_not_null";\nCOMMIT;`,
      `COMMIT;\nCREATE INDEX CONCURRENTLY "IDX_book_title" ON "book" ("title");\nBEGIN;`,
      `BEGIN;\nALTER TABLE "book" ADD CONSTRAINT "CHK_book_pages" CHECK ("pages" >= 0) NOT VALID;\nCOMMIT;`,
      `BEGIN;\nALTER TABLE "book" VALIDATE CONSTRAINT "CHK_book_pages";\nCOMMIT;`,
      `COMMIT;\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "UQ_book_author_isbn" ON "book" ("author_id", "isbn");\nBEGIN;`,
      `BEGIN;\nALTER TABLE "book" ADD CONSTRAINT "UQ_book_author_isbn" UNIQUE USING INDEX "UQ_book_author_isbn";\nCOMMIT;`,
      `BEGIN;\nALTER TABLE "book" ADD CONSTRAINT "FK_book_author" FOREIGN KEY ("author_id") REFERENCES "author"("id") ON DELETE NO ACTION ON UPDATE NO ACTION NOT VALID;\nCOMMIT;`,
      `BEGIN;\nALTER TABLE "book" VALIDATE CONSTRAINT "FK_book_author";\nCOMMIT;`,
    ];
    let at = 0;
    for (const part of expected) {
      const found = sql.indexOf(part, at);
      expect({ part, found: found >= 0 }).toEqual({ part, found: true });
      at = found + 1;
    }
    // A step on its own right after another reuses its BEGIN (the empty BEGIN; COMMIT; left is before a CONCURRENTLY).
    expect(sql).not.toContain('BEGIN;\nCOMMIT;\nBEGIN;');
    // The version row moves once, at the end, after the last step.
    expect(sql.indexOf(`UPDATE "entity_migrate_version"`)).toBeGreaterThan(sql.indexOf('VALIDATE CONSTRAINT "FK_book_author"'));
    expect(sql).not.toMatch(/'up:/);
    // Each transaction after a step that ran on its own waits at most ddlLockTimeout again.
    sqlProject.writeConfig({ entities: ['entities/*.ts'] });
    const limited = (await sqlProject.cli('upgrade', 'head', '--sql')).stdout;
    expect(limited.match(/^BEGIN;\nSET LOCAL lock_timeout = '5000ms';$/gm)?.length).toBe(limited.match(/^BEGIN;$/gm)?.length);
  });
});
