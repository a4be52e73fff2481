/**
 * examples/nest, as its developers use it: the CLI reads the same TypeORM options factory as the
 * Nest app (connection from .env), and the app upgrades the database when it boots.
 */
import { existsSync } from 'node:fs';
import { createPostgresDatabase, tableNames, versionRows, type TestDatabase } from '../helpers/databases';
import { ensureBuilt } from '../helpers/spawn-cli';
import { AppCopy, cleanEnv, expectExit, printedRevision, query, urlParts } from './app-copy';
import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { advisoryKey } from '../../src/dialects/postgres/advisory-lock';

jest.setTimeout(600_000);

const ENTITY_TABLES = ['app_user', 'comment', 'project', 'tag', 'task', 'task_tag', 'team'];
const OUR_TABLES = ['entity_migrate_history', 'entity_migrate_version'];

function writeEnv(app: AppCopy, db: TestDatabase): void {
  const { host, port, user, password, database } = urlParts(db.url);
  app.write('.env', [`DB_HOST=${host}`, `DB_PORT=${port}`, `DB_USER=${user}`, `DB_PASSWORD=${password}`, `DB_NAME=${database}`, ''].join('\n'));
}

interface BootStatus {
  event: 'ready';
  applied: string[];
  heads: string[];
  entityTables: string[];
  users: number;
  teams: number;
  openTasks: number;
}

/** Poll `condition` until it holds (a condition wait, not a timing assumption). */
async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(100);
  }
}

/** `node dist/main.js` in the copy: the compiled worker, resolving when it exits. */
function boot(app: AppCopy): Promise<{ code: number; stdout: string; stderr: string; status?: BootStatus }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/main.js'], { cwd: app.dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('{"event":"ready"'));
      resolve({ code: code ?? -1, stdout, stderr, status: line ? (JSON.parse(line) as BootStatus) : undefined });
    });
  });
}

describe('examples/nest', () => {
  let db: TestDatabase;
  let app: AppCopy;

  beforeAll(() => ensureBuilt());
  beforeEach(async () => {
    db = await createPostgresDatabase();
    app = new AppCopy('nest');
    writeEnv(app, db);
  });
  afterEach(async () => {
    app.remove();
    await db.drop();
  });

  test('the example type-checks and builds with its own tsconfig', async () => {
    expectExit(await app.tsc(['-p', 'tsconfig.json', '--noEmit']), 0, 'tsc --noEmit');
    expectExit(await app.tsc(['-p', 'tsconfig.build.json']), 0, 'tsc -p tsconfig.build.json');
    expect(existsSync(app.path('dist', 'main.js'))).toBe(true);
  });

  test('CLI loop on the shared options factory: autogenerate, upgrade, check, verify, edits with rows, down and up', async () => {
    const first = await app.cli(['revision', '--autogenerate', '-m', 'create tracker tables']);
    expectExit(first, 0, 'revision --autogenerate (first)');
    const firstFile = printedRevision(first);
    expect(app.read(firstFile)).toContain("op.createTable");

    expectExit(await app.cli(['upgrade', 'head']), 0, 'upgrade head');
    expect(await tableNames(db)).toEqual([...ENTITY_TABLES, ...OUR_TABLES].sort());
    expectExit(await app.cli(['check']), 0, 'check after the first upgrade');
    expectExit(await app.cli(['verify']), 0, 'verify');

    // Rows the next revision must keep.
    await query(db, `INSERT INTO team (name) VALUES ('Platform'), ('Mobile')`);
    await query(db, `INSERT INTO app_user (email, name, role, "teamId") VALUES
      ('ada@example.com', 'Ada Lovelace', 'admin', 1), ('alan@example.com', 'Alan Turing', 'member', 1), ('grace@example.com', 'Grace Hopper', 'member', 2)`);
    await query(db, `INSERT INTO project (name, "teamId") VALUES ('Billing', 1), ('App v2', 2)`);
    await query(db, `INSERT INTO task (title, status, "dueOn", "projectId", "assigneeId") VALUES
      ('Invoice PDFs', 'in_progress', '2027-01-15', 1, 2), ('Dark mode', 'todo', NULL, 2, 3), ('Tax rates', 'done', '2026-12-01', 1, NULL)`);
    await query(db, `INSERT INTO tag (label) VALUES ('backend'), ('ui')`);
    await query(db, `INSERT INTO task_tag ("taskId", "tagId") VALUES (1, 1), (2, 2), (3, 1)`);
    await query(db, `INSERT INTO comment (body, "taskId", "authorId") VALUES ('Needs the new template', 1, 1)`);

    // A developer's edits: rename a column, add one, widen a varchar, add an index and an enum value.
    app.edit('src/users/user.entity.ts', '  name: string;', '  displayName: string;');
    app.edit(
      'src/projects/project.entity.ts',
      '  @OneToMany(() => Task',
      `  @Column({ type: 'boolean', default: false })\n  archived: boolean;\n\n  @OneToMany(() => Task`,
    );
    app.edit('src/projects/task.entity.ts', `@Column({ type: 'varchar', length: 120 })`, `@Column({ type: 'varchar', length: 255 })`);
    app.edit('src/projects/task.entity.ts', `  @Column({ type: 'date', nullable: true })`, `  @Index('idx_task_due_on')\n  @Column({ type: 'date', nullable: true })`);
    app.edit('src/projects/task.entity.ts', 'import { Column, Entity,', 'import { Column, Entity, Index,');
    app.edit('src/projects/task.entity.ts', `  InProgress = 'in_progress',`, `  InProgress = 'in_progress',\n  Blocked = 'blocked',`);

    const pending = await app.cli(['check']);
    expectExit(pending, 2, 'check with edited entities');

    const second = await app.cli(['revision', '--autogenerate', '-m', 'rename user name, archive projects', '--rename', 'app_user.name:displayName']);
    expectExit(second, 0, 'revision --autogenerate (edits)');
    const source = app.read(printedRevision(second));
    const upgrade = source.slice(source.indexOf('function upgrade'), source.indexOf('function downgrade'));
    expect(upgrade).toContain(`op.renameColumn('app_user', 'name', 'displayName')`);
    expect(upgrade).not.toContain('dropColumn');
    expect(source).not.toContain('DESTRUCTIVE');

    expectExit(await app.cli(['upgrade', 'head']), 0, 'upgrade head (edits)');
    expectExit(await app.cli(['check']), 0, 'check after the edits');

    expect(await query(db, `SELECT email, "displayName", role FROM app_user ORDER BY id`)).toEqual([
      { email: 'ada@example.com', displayName: 'Ada Lovelace', role: 'admin' },
      { email: 'alan@example.com', displayName: 'Alan Turing', role: 'member' },
      { email: 'grace@example.com', displayName: 'Grace Hopper', role: 'member' },
    ]);
    expect(await query(db, `SELECT name, archived FROM project ORDER BY id`)).toEqual([
      { name: 'Billing', archived: false },
      { name: 'App v2', archived: false },
    ]);
    expect(await query(db, `SELECT title, status, "dueOn"::text AS due FROM task ORDER BY id`)).toEqual([
      { title: 'Invoice PDFs', status: 'in_progress', due: '2027-01-15' },
      { title: 'Dark mode', status: 'todo', due: null },
      { title: 'Tax rates', status: 'done', due: '2026-12-01' },
    ]);
    expect(await query(db, `SELECT COUNT(*)::int AS n FROM task_tag`)).toEqual([{ n: 3 }]);
    expect(await query(db, `SELECT body FROM comment`)).toEqual([{ body: 'Needs the new template' }]);
    // The new shape is usable: a 255-character title, the new enum value (in its declared place), the index.
    await query(db, `UPDATE task SET status = 'blocked', title = $1 WHERE id = 2`, ['x'.repeat(255)]);
    expect(await query(db, `SELECT unnest(enum_range(NULL::task_status))::text AS v`)).toEqual([
      { v: 'todo' },
      { v: 'in_progress' },
      { v: 'blocked' },
      { v: 'done' },
    ]);
    expect(await query(db, `SELECT indexname FROM pg_indexes WHERE tablename = 'task' AND indexname = 'idx_task_due_on'`)).toHaveLength(1);
    await query(db, `UPDATE task SET status = 'todo' WHERE id = 2`); // so the enum value can go again
    // Going back narrows the title again: PostgreSQL refuses to cut the long one, and nothing moves.
    const refused = await app.cli(['downgrade', 'base']);
    expectExit(refused, 1, 'downgrade base with a title too long for varchar(120)');
    expect(refused.stderr).toContain('value too long');
    expect(await versionRows(db)).toHaveLength(1);
    // As a team would: put the data back in the old shape first.
    await query(db, `UPDATE task SET title = 'Dark mode' WHERE id = 2`);

    expectExit(await app.cli(['downgrade', 'base']), 0, 'downgrade base');
    expect(await tableNames(db)).toEqual(OUR_TABLES);
    expect(await versionRows(db)).toEqual([]);
    expectExit(await app.cli(['upgrade', 'head']), 0, 'upgrade head (again)');
    expectExit(await app.cli(['check']), 0, 'check at the end');
    expect(app.revisionFiles()).toHaveLength(2);
  });

  test('the app upgrades the database at bootstrap; two instances at once: one migrates, the other waits', async () => {
    const first = await app.cli(['revision', '--autogenerate', '-m', 'create tracker tables']);
    expectExit(first, 0, 'revision --autogenerate');
    // A second, hand-written revision: seed data, so the run takes two steps.
    const seed = await app.cli(['revision', '-m', 'seed tags', '--template', 'seed', '--table', 'tag']);
    expectExit(seed, 0, 'revision --template seed');
    app.edit(printedRevision(seed), /const rows(?:: [^=]+)? = \[[\s\S]*?\];/, `const rows = [\n  { id: 1, label: 'backend' },\n  { id: 2, label: 'ui' },\n];`);
    expectExit(await app.tsc(['-p', 'tsconfig.build.json']), 0, 'build');

    // Hold the migration lock while both instances start, so both are seen waiting for it; then let go.
    const holder = new DataSource(db.options);
    await holder.initialize();
    const lock = holder.createQueryRunner();
    let runs: Promise<Awaited<ReturnType<typeof boot>>>[];
    try {
      await lock.connect();
      await lock.query('SELECT pg_advisory_lock($1::bigint)', [advisoryKey('entity_migrate_version')]);
      runs = [boot(app), boot(app)];
      const exited: string[] = [];
      for (const run of runs) void run.then((r) => exited.push(`exit ${r.code}\n${r.stdout}\n${r.stderr}`));
      await waitFor(async () => {
        if (exited.length > 0) throw new Error(`an app instance ended while the lock was held:\n${exited[0]}`);
        const rows: { n: number }[] = await holder.query(
          `SELECT COUNT(DISTINCT pid)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'nest-tracker' AND query ILIKE '%pg_try_advisory_lock%'`,
        );
        return rows[0]!.n === 2;
      }, 'both app instances to wait for the migration lock');
      await lock.query('SELECT pg_advisory_unlock($1::bigint)', [advisoryKey('entity_migrate_version')]);
    } finally {
      await lock.release();
      await holder.destroy();
    }
    const [a, b] = await Promise.all(runs);
    for (const run of [a, b]) {
      if (run.code !== 0 || !run.status) throw new Error(`app exited ${run.code}\n${run.stdout}\n${run.stderr}`);
    }
    const applied = [a.status!.applied, b.status!.applied].sort((x, y) => y.length - x.length);
    expect(applied[0]).toHaveLength(2); // one instance ran both revisions…
    expect(applied[1]).toEqual([]); // …the other waited for its lock and found the database at head
    const heads = await versionRows(db);
    expect(heads).toHaveLength(1);
    expect(a.status!.heads).toEqual(heads);
    expect(b.status!.heads).toEqual(heads);
    // Nest's entities (autoLoadEntities, from forFeature) are the tables the CLI's glob produced.
    expect(a.status!.entityTables).toEqual(ENTITY_TABLES);
    expect(await tableNames(db)).toEqual([...ENTITY_TABLES, ...OUR_TABLES].sort());
    expect(await query(db, `SELECT label FROM tag ORDER BY id`)).toEqual([{ label: 'backend' }, { label: 'ui' }]);

    // A third start finds nothing to do, and the CLI agrees the database matches the entities.
    const again = await boot(app);
    expect(again.status?.applied).toEqual([]);
    expectExit(await app.cli(['check']), 0, 'check after the app upgraded');
    expectExit(await app.cli(['current']), 0, 'current');
  });
});
