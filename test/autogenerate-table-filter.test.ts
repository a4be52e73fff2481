/**
 * Autogenerate and tables the entities do not describe (a session store's `sessions`, a legacy table):
 * - `include` / `exclude` config patterns: autogenerate and check leave such tables alone — never
 *   dropped, created or altered, their indexes and foreign keys untouched;
 * - without them, a revision that would drop a table is refused (one line naming the tables,
 *   `--allow-drop` and `exclude`, nothing written) unless `--allow-drop` / `allowDrop: true`;
 *   `check` still reports the drop (exit 2); on a terminal the CLI asks instead.
 * Needs PostgreSQL and SQLite (the terminal prompt: SQLite and util-linux `script`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { createMigrator } from '../src';
import { resolveEntities } from '../src/load/entities';
import { DIALECTS, tableNames, withConnection } from './helpers/databases';
import { projectPerTest, type CliResult, type TestProject } from './helpers/project';
import { rejection } from './helpers/rejection';
import { BIN, ensureBuilt } from './helpers/spawn-cli';
import { schemaSnapshot } from './helpers/schema-snapshot';
import { widgetEntitySource } from './helpers/widget-entity';
import { withoutChangeSummary } from './helpers/round-trip';

/** An entity for the excluded table that disagrees with it: excluded, it changes nothing. */
const sessionEntity = `import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('sessions')
@Index('sessions_payload', ['payload'])
export class Session {
  @PrimaryColumn({ length: 64 })
  sid!: string;

  @Column({ type: 'text' })
  payload!: string;
}
`;

/** The session store's own table, with an index and a foreign key to an entity table. */
async function createSessions(project: TestProject, withForeignKey = true): Promise<void> {
  await withConnection(project.db, async (ds) => {
    await ds.query(
      `CREATE TABLE sessions (sid varchar(64) PRIMARY KEY, expire integer NOT NULL${withForeignKey ? ', widget_id integer REFERENCES widget(id)' : ''})`,
    );
    await ds.query('CREATE INDEX sessions_expire ON sessions (expire)');
  });
}

async function sessionsSchema(project: TestProject): Promise<unknown> {
  return withConnection(project.db, async (ds) => (await schemaSnapshot(ds)).tables.sessions);
}

function expectOneErrorLine(result: CliResult, ...fragments: string[]): void {
  expect(result.stderr).toMatch(/^error: [^\n]*\n$/);
  for (const fragment of fragments) expect(result.stderr).toContain(fragment);
  expect(result.code).toBe(1);
}

describe.each(Object.entries(DIALECTS))('tables the entities do not describe, on %s', (dialect, createDatabase) => {
  const project = projectPerTest(createDatabase, 'table-filter');
  beforeEach(() => {
    project.write('entities/widget.ts', widgetEntitySource());
  });

  test('exclude: the sessions table, its index and its foreign key are never created, altered or dropped', async () => {
    project.writeConfig({ entities: ['entities/*.ts'], exclude: ['sessions'] });
    project.write('entities/session.ts', sessionEntity);

    // Not there yet: the Session entity alone does not make autogenerate create it.
    const pending = await project.cli('check', '--json');
    expect(pending.code).toBe(2);
    expect(JSON.parse(pending.stdout).ops).toEqual([expect.objectContaining({ kind: 'createTable', table: expect.objectContaining({ name: 'widget' }) })]);
    const revision = await project.cli('revision', '--autogenerate', '-m', 'widgets');
    expect(revision.code).toBe(0);
    expect(project.read(revision.stdout.trim())).not.toContain('sessions');
    expect((await project.cli('upgrade', 'head')).code).toBe(0);

    // The session store creates its table, unlike the entity says: nothing to do.
    await createSessions(project);
    const before = await sessionsSchema(project);
    expect(before).toMatchObject({ foreignKeys: [expect.anything()], indices: [expect.objectContaining({ name: 'sessions_expire' })] });
    const clean = await project.cli('check');
    expect(clean.stdout).toContain('No changes detected');
    expect(clean.code).toBe(0);
    const nothing = await project.cli('revision', '--autogenerate', '-m', 'nothing');
    expect(nothing.stderr).toContain('No changes detected');
    expect(project.revisionFiles()).toHaveLength(1);
    expect(await sessionsSchema(project)).toEqual(before);
    // verify's scratch database has no sessions table, and its check must not want one either.
    const verify = await project.cli('verify');
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
  });

  test('include: only matching tables are considered; a legacy table outside it stays', async () => {
    project.writeConfig({ entities: ['entities/*.ts'], include: ['wid*'] });
    project.write('entities/session.ts', sessionEntity);
    await withConnection(project.db, (ds) => ds.query('CREATE TABLE legacy (id integer PRIMARY KEY)'));
    await createSessions(project, false);
    const revision = await project.cli('revision', '--autogenerate', '-m', 'widgets');
    expect(withoutChangeSummary(revision.stderr)).toBe('');
    expect(revision.code).toBe(0);
    const source = project.read(revision.stdout.trim());
    expect(source).toContain("name: 'widget'");
    expect(source).not.toMatch(/legacy|sessions/);
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    expect((await project.cli('check')).code).toBe(0);
    expect(await tableNames(project.db)).toEqual(expect.arrayContaining(['legacy', 'sessions', 'widget']));
  });

  test('schema.table patterns (PostgreSQL) and the ? wildcard (SQLite) match too', async () => {
    const schema = dialect === 'postgres' ? 'public' : 'main';
    await createSessions(project, false);
    // SQLite tables have no schema prefix here: the pattern must name the bare table.
    project.writeConfig({ entities: ['entities/*.ts'], exclude: dialect === 'postgres' ? [`${schema}.sess*`] : ['sess?ons'] });
    const check = await project.cli('check');
    expect(check.code).toBe(2);
    expect(check.stdout).toContain('+ table widget');
    expect(check.stdout).not.toContain('sessions');
  });

  test('without exclude: check reports the drop; autogenerate refuses it unless --allow-drop', async () => {
    project.writeConfig({ entities: ['entities/*.ts'] });
    await createSessions(project, false);
    await withConnection(project.db, (ds) => ds.query('CREATE TABLE legacy (id integer PRIMARY KEY)'));

    const check = await project.cli('check');
    expect(check.code).toBe(2);
    expect(check.stdout).toContain('- table sessions');
    expect(check.stdout).toContain('- table legacy');

    const refused = await project.cli('revision', '--autogenerate', '-m', 'widgets');
    expectOneErrorLine(refused, 'would drop tables legacy, sessions', '--allow-drop', '"exclude"');
    expect(refused.stdout).toBe('');
    expect(project.revisionFiles()).toEqual([]);

    const allowed = await project.cli('revision', '--autogenerate', '-m', 'widgets', '--allow-drop');
    expect(allowed.code).toBe(0);
    const source = project.read(allowed.stdout.trim());
    expect(source).toContain("await op.dropTable({\n    name: 'sessions'");
    expect(source).toContain("name: 'legacy'");
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    expect(await tableNames(project.db)).not.toContain('sessions');
  });

  test('the API: autogenerate({ allowDrop }) refuses by default; exclude leaves the table alone', async () => {
    await createSessions(project, false);
    const entities = await resolveEntities(['entities/*.ts'], project.dir);
    const dataSource = new DataSource({ ...project.db.options, entities } as DataSourceOptions);
    const migrationsDir = `${project.dir}/migrations`;
    try {
      const strict = await createMigrator({ dataSource, migrationsDir });
      const error = await rejection(strict.autogenerate({ message: 'widgets' }));
      expect(error.code).toBe('DROP_REFUSED');
      expect(error.message).toContain('sessions');
      expect(project.revisionFiles()).toEqual([]);

      const excluding = await createMigrator({ dataSource, migrationsDir, exclude: ['sessions'] });
      const written = await excluding.autogenerate({ message: 'widgets' });
      expect(written.ops.map((op) => op.kind)).toEqual(['createTable']);
      expect(project.revisionFiles()).toHaveLength(1);
      project.remove(`migrations/versions/${project.revisionFiles()[0]}`);

      const dropping = await strict.autogenerate({ message: 'widgets', allowDrop: true });
      expect(dropping.ops.map((op) => op.kind).sort()).toEqual(['createTable', 'dropTable']);
      await strict.close();
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
    }
  });
});

/**
 * On a terminal (util-linux `script` gives the CLI a pseudo-terminal) the CLI asks; the answer is
 * typed once the question is on the screen.
 */
async function answerOnTerminal(project: TestProject, args: string[], answer: string): Promise<{ code: number | null; output: string }> {
  const command = ['node', BIN, ...args].map((a) => `'${a}'`).join(' ');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TEST_DATABASE_URL: project.db.url };
  delete env.CI;
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: project.dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let answered = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    // The question may be wrapped and coloured by the terminal: look for its first words only.
    if (!answered && output.includes('Drop table')) {
      answered = true;
      child.stdin.write(`${answer}\r`);
    }
  });
  // Never left waiting on a question nobody answers (closing the terminal ends the CLI too).
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { code, output };
}

const hasScript = spawnSync('script', ['--version']).status === 0;

(hasScript ? describe : describe.skip)('a revision that drops tables, on a terminal', () => {
  beforeAll(() => ensureBuilt(), 120_000);
  const project = projectPerTest(DIALECTS.sqlite, 'drop-prompt');
  beforeEach(async () => {
    project.write('entities/widget.ts', widgetEntitySource());
    project.writeConfig({ entities: ['entities/*.ts'] });
    await createSessions(project, false);
  });

  test('asks, naming the table: no writes nothing, yes writes the drop', async () => {
    const no = await answerOnTerminal(project, ['revision', '--autogenerate', '-m', 'widgets'], 'n');
    expect(no.output).toContain('Drop table sessions and every row in it?');
    expect(no.output).toContain('error: The revision would drop table sessions');
    expect(no.code).toBe(1);
    expect(project.revisionFiles()).toEqual([]);
    const yes = await answerOnTerminal(project, ['revision', '--autogenerate', '-m', 'widgets'], 'y');
    expect(yes.code).toBe(0);
    expect(project.revisionFiles()).toHaveLength(1);
    expect(project.read(`migrations/versions/${project.revisionFiles()[0]}`)).toContain("name: 'sessions'");
  }, 120_000);
});

describe('include / exclude in the config', () => {
  const project = projectPerTest(DIALECTS.sqlite, 'table-filter-config');

  test.each<[key: string, value: unknown, ...fragments: string[]]>([
    ['exclude', 'sessions', '"exclude" must be a list of table-name patterns', 'got "sessions"'],
    ['include', ['widget', 3], '"include" must be a list of table-name patterns', 'got ["widget",3]'],
    ['exclude', [''], '"exclude" must be a list', 'got [""]'],
  ])('%s: %j is refused in one line naming the key and the file', async (key, value, ...fragments) => {
    project.writeConfig({ [key]: value });
    expectOneErrorLine(await project.cli('check'), 'entity-migrate.config.json: ', ...fragments);
  });

  test('createMigrator refuses a pattern that is not a string', async () => {
    await expect(createMigrator({ dataSource: project.db.options, exclude: [42 as unknown as string] })).rejects.toThrow('"exclude" must be a list');
  });
});
