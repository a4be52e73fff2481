/**
 * SQLite: indices TypeORM's TableIndex cannot describe (on an expression, a descending key) survive
 * the table rebuilds that column and constraint changes make. TypeORM read an expression index as
 * one on a column named "null" and failed the rebuild (`no such column: null`), and wrote a
 * descending one back ascending. Such indices are kept out of the loaded table (so neither the
 * rebuild nor autogenerate sees a wrong one) and re-created from their own CREATE INDEX text after
 * each rebuild. Needs SQLite.
 */
import { createSqliteDatabase, withConnection } from './helpers/databases';
import { openHarness } from './helpers/ops-harness';
import { projectPerTest } from './helpers/project';

const INDEXES = [
  `CREATE INDEX "idx_task_lower_title" ON "task" (lower("title"))`,
  `CREATE INDEX "idx_task_due_desc" ON "task" ("due" DESC)`,
];

async function indexSql(project: { db: Parameters<typeof withConnection>[0] }): Promise<string[]> {
  return withConnection(project.db, async (ds) =>
    ((await ds.query(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'task' AND sql IS NOT NULL ORDER BY name`)) as { sql: string }[]).map(
      (r) => r.sql,
    ),
  );
}

describe('raw indices on SQLite', () => {
  const project = projectPerTest(createSqliteDatabase, 'sqlite-raw-indexes');

  beforeEach(async () => {
    await withConnection(project.db, async (ds) => {
      await ds.query(`CREATE TABLE "task" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(80) NOT NULL, "due" datetime)`);
      for (const sql of INDEXES) await ds.query(sql);
      await ds.query(`INSERT INTO "task" ("title", "due") VALUES ('Write', '2026-12-01')`);
    });
    project.writeConfig({ entities: ['entities/*.ts'] });
  });

  test('a revision that rebuilds the table keeps them, as written', async () => {
    project.writeRevision(
      'a1',
      null,
      `await op.addColumn('task', { name: 'done', type: 'boolean', isNullable: false, default: '0' });
  await op.alterColumn('task', 'title', { length: '200' }, { existing: { name: 'title', type: 'varchar', length: '80', isNullable: false } });`,
      `await op.alterColumn('task', 'title', { length: '80' }, { existing: { name: 'title', type: 'varchar', length: '200', isNullable: false } });
  await op.dropColumn('task', 'done');`,
    );
    const up = await project.cli('upgrade', 'head');
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(await indexSql(project)).toEqual([INDEXES[1], INDEXES[0]]);
    const rows = await withConnection(project.db, (ds) => ds.query(`SELECT title, done FROM task`));
    expect(rows).toEqual([{ title: 'Write', done: 0 }]);
    expect((await project.cli('downgrade', 'base')).code).toBe(0);
    expect(await indexSql(project)).toHaveLength(2);
  });

  test('autogenerate neither drops them nor reads them as plain column indices', async () => {
    project.write(
      'entities/task.ts',
      `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity('task')
export class Task {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 80 }) title!: string;
  @Column({ type: 'datetime', nullable: true }) due!: Date | null;
}
`,
    );
    project.writeRevision('a1', null, '', '');
    expect((await project.cli('stamp', 'head')).code).toBe(0);
    const check = await project.cli('check');
    expect(check.stdout).toContain('No changes detected');
    expect(check.code).toBe(0);
  });

  test('an op run on its own (TypeORM rebuilds the table itself) keeps them too', async () => {
    const h = await openHarness(project.db);
    try {
      await h.op.alterColumn('task', 'title', { length: '200' }, { existing: { name: 'title', type: 'varchar', length: '80', isNullable: false } });
    } finally {
      await h.close();
    }
    expect(await indexSql(project)).toEqual([INDEXES[1], INDEXES[0]]);
  });
});
