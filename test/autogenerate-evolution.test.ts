/**
 * Autogenerate over a project's life: the example blog evolved through eight versions, each step through the CLI exactly as a user
 * would: rewrite the entity files → `revision --autogenerate -m …` (with `--rename` where the step
 * is a rename) → `upgrade head` → `check` (exit 0). Rows inserted before each step must still be
 * there, with their values, after it. At the end `downgrade base` walks every revision back and
 * `upgrade head` builds the schema again. Needs PostgreSQL and SQLite.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DIALECTS, tableNames, withConnection, type TestDatabase } from './helpers/databases';
import { projectPerSuite, type TestProject } from './helpers/project';
import { BLOG_VERSIONS, type SourceOptions } from './fixtures/evolution/blog';

type Row = Record<string, unknown>;
type Model = Record<string, Row[]>;

/** Each step: rows to insert before it (columns of the version before), how it changes them. */
interface StepData {
  insert?: Model;
  /** The expected rows after the step, from the expected rows before it. */
  after?: (model: Model) => void;
  /** Whether autogenerate must flag the step destructive. */
  destructive?: boolean;
  /** Lines the generated revision file must contain (both dialects). */
  contains: (dialect: string) => string[];
}

const renameKey = (rows: Row[], from: string, to: string) =>
  rows.forEach((r) => {
    r[to] = r[from];
    delete r[from];
  });
const setKey = (rows: Row[], key: string, value: unknown) => rows.forEach((r) => (r[key] = value));
const dropKey = (rows: Row[], key: string) => rows.forEach((r) => delete r[key]);

const STEPS: StepData[] = [
  {
    contains: () => [
      "export const message = 'create user and post';",
      'export const downRevision: string | null = null;',
      'await op.createTable({',
      '  // table user\n  await op.createTable({\n    name: \'user\',\n    columns: [',
      "  // table post\n  await op.dropTable({\n    name: 'post',",
      "{ name: 'published', type: 'boolean', default: ",
    ],
  },
  {
    insert: {
      user: [
        { id: 1, email: 'ada@example.com', name: 'Ada' },
        { id: 2, email: 'grace@example.com', name: 'Grace' },
      ],
      post: [
        { id: 1, title: 'Hello', body: 'First post', published: false, views: 3, authorId: 1 },
        { id: 2, title: 'Compilers', body: 'On compilers', published: true, views: 40, authorId: 2 },
      ],
    },
    after: (m) => {
      setKey(m.user, 'bio', null);
      setKey(m.post, 'summary', null);
      setKey(m.post, 'status', 'draft');
      m.tag = [];
    },
    contains: () => [
      "await op.addColumn('user', { name: 'bio', type: 'text', isNullable: true });",
      "await op.dropColumn('user', { name: 'bio', type: 'text', isNullable: true });",
      "    name: 'tag',",
      " * Changes:",
      ' *   + table tag (2 columns)',
      ' *   + column user.bio',
    ],
  },
  {
    insert: {
      user: [{ id: 3, email: 'edsger@example.com', name: 'Edsger', bio: 'Goto considered harmful' }],
      post: [{ id: 3, title: 'Structured', body: 'Letters', published: false, views: 7, authorId: 3, summary: 'short', status: 'published' }],
      tag: [{ id: 1, name: 'news' }],
    },
    contains: (dialect) => [
      " *   ~ column user.name (length)",
      "await op.alterColumn('user', 'name', { length: '255' }, { existing: { name: 'name', type: " +
        (dialect === 'postgres' ? "'character varying'" : "'varchar'") +
        ", length: '100', isNullable: false } });",
      "await op.alterColumn('post', 'title', { isNullable: true }",
      "await op.alterColumn('post', 'views', { type: 'bigint' }",
    ],
  },
  {
    insert: { user: [{ id: 4, email: 'barbara@example.com', name: 'Barbara', bio: null }] },
    after: (m) => renameKey(m.user, 'name', 'displayName'),
    contains: () => [
      "await op.renameColumn('user', 'name', 'displayName');",
      "await op.renameColumn('user', 'displayName', 'name');",
      ' *   ~ column user.name → displayName',
    ],
  },
  {
    insert: { post: [{ id: 4, title: 'Summaries', body: 'b', published: true, views: 1, authorId: 4, summary: 'gone soon', status: 'draft' }] },
    destructive: true,
    after: (m) => {
      dropKey(m.user, 'bio');
      setKey(m.user, 'about', null);
      dropKey(m.post, 'summary');
    },
    contains: () => [
      '// DESTRUCTIVE: drops column user.bio and its data',
      '//   if it was renamed (column user.bio → about), pass --rename user.bio:about',
      '// DESTRUCTIVE: drops column post.summary and its data',
      ' * DESTRUCTIVE:',
    ],
  },
  {
    insert: {
      user: [{ id: 5, email: 'alan@example.com', displayName: 'Alan', about: 'Machines' }],
      post: [{ id: 5, title: 'Computable numbers', body: 'b', published: false, views: 12, authorId: 5, status: 'published' }],
    },
    after: (m) => setKey(m.post, 'editorId', null),
    contains: () => [
      ' *   + unique index IDX_user_email on user (email)',
      ' *   + check CHK_post_views on post: "views" >= 0',
      ' *   + foreign key post (editorId) → user (id) ON DELETE SET NULL',
      "await op.createIndex('user', { name: 'IDX_user_email', columnNames: ['email'], isUnique: true });",
      `await op.createCheck('post', { name: 'CHK_post_views', expression: '"views" >= 0' });`,
      "onDelete: 'RESTRICT'",
    ],
  },
  {
    insert: { post: [{ id: 6, title: 'Edited', body: 'b', published: true, views: 0, authorId: 1, status: 'draft', editorId: 2 }] },
    contains: () => ["await op.alterColumn('post', 'status', { enum: ['draft', 'published', 'archived'] }"],
  },
  {
    insert: { tag: [{ id: 2, name: 'theory' }] },
    after: (m) => (m.post_tags_tag = []),
    contains: () => ["    name: 'post_tags_tag',", "referencedTableName: 'tag'", "onDelete: 'CASCADE'"],
  },
];

// ── SQL helpers ───────────────────────────────────────────────────────────────────────────────

const q = (name: string) => `"${name}"`;

function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** Values as the drivers return them, made comparable: bigint strings, SQLite's 0/1 booleans. */
function norm(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value === true) return '1';
  if (value === false) return '0';
  return String(value);
}

async function insertRows(db: TestDatabase, model: Model): Promise<void> {
  await withConnection(db, async (ds) => {
    for (const [table, rows] of Object.entries(model)) {
      for (const row of rows) {
        const columns = Object.keys(row);
        await ds.query(`INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES (${columns.map((c) => sqlLiteral(row[c])).join(', ')})`);
      }
    }
  });
}

/** Every expected row, read back by the columns the model knows, in id order. */
async function assertRows(db: TestDatabase, model: Model): Promise<void> {
  await withConnection(db, async (ds) => {
    for (const [table, rows] of Object.entries(model)) {
      const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      if (columns.length === 0) {
        const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM ${q(table)}`);
        expect({ table, count: Number(n) }).toEqual({ table, count: 0 });
        continue;
      }
      const order = columns.includes('id') ? ' ORDER BY "id"' : '';
      const actual: Row[] = await ds.query(`SELECT ${columns.map(q).join(', ')} FROM ${q(table)}${order}`);
      const shape = (list: Row[]) => list.map((r) => Object.fromEntries(columns.map((c) => [c, norm(r[c])])));
      expect({ table, rows: shape(actual) }).toEqual({ table, rows: shape(rows) });
    }
  });
}

/** Replace the entity files with this version's, under new file names (jest caches modules by path). */
function writeEntities(project: TestProject, version: number, files: Record<string, string>): void {
  rmSync(join(project.dir, 'entities'), { recursive: true, force: true });
  for (const [name, source] of Object.entries(files)) {
    const rewritten = source.replace(/from '\.\/(\w+)'/g, (_m, dep: string) => `from './${dep}.v${version}'`);
    project.write(`entities/${name}.v${version}.ts`, rewritten);
  }
}

const cliLine = (args: string[]) => `entity-migrate ${args.join(' ')}`;

describe.each(Object.entries(DIALECTS))('blog evolution through the CLI on %s', (dialect, createDatabase) => {
  const project = projectPerSuite(createDatabase, `evolution-${dialect}`);
  const options: SourceOptions = { enumType: dialect === 'postgres' ? 'enum' : 'simple-enum' };

  beforeAll(() => {
    project.writeConfig({ entities: ['entities/*.ts'] });
  });

  /** Run the CLI and fail with its output when the exit code is not the expected one. */
  async function run(expected: number, ...args: string[]) {
    const result = await project.cli(...args);
    if (result.code !== expected) {
      throw new Error(`${cliLine(args)} exited ${result.code} (expected ${expected})\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
    }
    return result;
  }

  const model: Model = {};
  /** Steps build on each other: after a failure the rest only says so. */
  let broken: string | undefined;
  const guard = (name: string, fn: () => Promise<void>) => async () => {
    if (broken) throw new Error(`skipped: ${broken} failed`);
    try {
      await fn();
    } catch (error) {
      broken = name;
      throw error;
    }
  };

  test.each(BLOG_VERSIONS.map((v, i) => [i + 1, v.message, i] as const))('v%i: %s', (version, message, index) =>
    guard(`v${version}`, async () => {
    const step = STEPS[index]!;
    const spec = BLOG_VERSIONS[index]!;
    if (step.insert) {
      await insertRows(project.db, step.insert);
      for (const [table, rows] of Object.entries(step.insert)) model[table] = [...(model[table] ?? []), ...structuredClone(rows)];
      await assertRows(project.db, model);
    }

    writeEntities(project, version, spec.files(options));
    const args = ['revision', '--autogenerate', '-m', message, ...(spec.renames ?? []).flatMap((r) => ['--rename', r])];
    const revision = await run(0, ...args);
    const file = revision.stdout.trim();
    expect(file).toMatch(/^migrations[\\/]versions[\\/][0-9a-f]{12}_\w+\.ts$/);
    const source = project.read(file);
    try {
      for (const line of step.contains(dialect)) expect(source).toContain(line);
      expect(source).toContain(`export const message = '${message}';`);
      if (index > 0) expect(source).toMatch(/export const downRevision: string \| null = '[0-9a-f]{12}';/);
      if (step.destructive) {
        expect(source).toContain('// DESTRUCTIVE');
        expect(revision.stderr).toContain('warning: destructive: drops column user.bio and its data');
        expect(revision.stderr).toContain('--rename user.bio:about');
      } else {
        expect(source).not.toContain('DESTRUCTIVE');
        expect(revision.stderr).not.toContain('destructive');
      }
    } catch (error) {
      throw new Error(`${(error as Error).message}\n\n── ${file} ──\n${source}\nstderr:\n${revision.stderr}`);
    }

    await run(0, 'upgrade', 'head');
    const check = await run(0, 'check');
    expect(check.stdout).toContain('No changes detected');

    step.after?.(model);
    await assertRows(project.db, model);
  })());

  test('the join table of the many-to-many works', guard('join table', async () => {
    await insertRows(project.db, { post_tags_tag: [{ postId: 1, tagId: 1 }, { postId: 1, tagId: 2 }, { postId: 3, tagId: 2 }] });
    const rows = await withConnection(project.db, (ds) => ds.query(`SELECT COUNT(*) AS n FROM "post_tags_tag"`));
    expect(Number(rows[0].n)).toBe(3);
  }));

  test('downgrade base walks every revision back, upgrade head builds it again', guard('downgrade', async () => {
    expect(readdirSync(project.versionsDir).filter((f) => f.endsWith('.ts'))).toHaveLength(BLOG_VERSIONS.length);
    const down = await run(0, 'downgrade', 'base');
    expect(down.stdout.match(/Running downgrade/g)).toHaveLength(BLOG_VERSIONS.length);
    // Only our own bookkeeping tables are left.
    expect((await tableNames(project.db)).filter((t) => !t.startsWith('entity_migrate_'))).toEqual([]);
    if (dialect === 'postgres') {
      const types = await withConnection(project.db, (ds) => ds.query(`SELECT typname FROM pg_type WHERE typtype = 'e'`));
      expect(types).toEqual([]);
    }

    const up = await run(0, 'upgrade', 'head');
    expect(up.stdout.match(/Running upgrade/g)).toHaveLength(BLOG_VERSIONS.length);
    const check = await run(0, 'check');
    expect(check.stdout).toContain('No changes detected');
    expect((await run(0, 'current')).stdout.trim()).toMatch(/^[0-9a-f]{12} \(head\)$/);
  }));
});
