/**
 * CLI, what a run hands on (issue 12 §3): `-x key=value` (repeatable) reaches each revision as
 * `context.args`, and `--tag TEXT` is stored in the history row of each revision the run applies or
 * undoes; a history table made before tags gets its `tag` column in place. The built CLI in child
 * processes; needs PostgreSQL and SQLite.
 */
import { DIALECTS, tableNames, versionRows, withConnection } from './helpers/databases';
import { projectPerTest, type CliResult, type TestProject } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';

beforeAll(() => ensureBuilt(), 120_000);

/** A revision that records what `context.args` held, as JSON, in table `seen`. */
function writeArgsRevision(project: TestProject): void {
  project.write(
    'migrations/versions/aaaa00000001_record_args.ts',
    [
      `import type { MigrationContext } from 'typeorm-entity-migrate';`,
      `export const revision = 'aaaa00000001';`,
      `export const downRevision = null;`,
      `export const message = 'record args';`,
      `export async function upgrade({ op, args }: MigrationContext): Promise<void> {`,
      `  await op.createTable({ name: 'seen', columns: [{ name: 'args', type: 'varchar', length: '200' }] });`,
      `  await op.bulkInsert('seen', [{ args: JSON.stringify(args) }]);`,
      `}`,
      `export async function downgrade({ op }: MigrationContext): Promise<void> {`,
      `  await op.dropTable('seen');`,
      `}`,
      ``,
    ].join('\n'),
  );
}

async function historyRows(project: TestProject): Promise<{ revision: string; direction: string; tag: string | null }[]> {
  return withConnection(project.db, (ds) => ds.query(`SELECT revision, direction, tag FROM entity_migrate_history ORDER BY applied_at, direction DESC`));
}

function expectUsageError(result: CliResult, fragment: string): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^error: [^\n]*\n$/);
  expect(result.stderr).toContain(fragment);
}

describe.each(Object.entries(DIALECTS))('-x and --tag on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'run-args');
  beforeEach(() => {
    project.writeConfig();
    writeArgsRevision(project);
  });

  test('-x key=value (repeatable) reaches the revision as context.args; --tag is stored in the history row', async () => {
    const up = await project.spawn('upgrade', 'head', '-x', 'tenant=acme', '-x', 'batch=500', '-x', 'expr=a=b', '--tag', 'release 42');
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    const seen = await withConnection(project.db, (ds) => ds.query('SELECT args FROM seen'));
    expect(JSON.parse(seen[0].args)).toEqual({ tenant: 'acme', batch: '500', expr: 'a=b' });
    expect(await historyRows(project)).toEqual([{ revision: 'aaaa00000001', direction: 'upgrade', tag: 'release 42' }]);

    expect((await project.spawn('downgrade', 'base')).code).toBe(0);
    expect((await project.spawn('upgrade', 'head')).code).toBe(0);
    const seenWithout = await withConnection(project.db, (ds) => ds.query('SELECT args FROM seen'));
    expect(JSON.parse(seenWithout[0].args)).toEqual({});
    expect((await historyRows(project)).map((r) => r.tag)).toEqual(['release 42', null, null]);

    const sql = await project.spawn('downgrade', 'base', '--sql', '--tag', 'rollback');
    expect(sql.code).toBe(0);
    expect(sql.stdout).toMatch(/INSERT INTO .entity_migrate_history. \(revision, checksum, direction, applied_at, duration_ms, tag\) VALUES \(.*'rollback'\)/);
  });

  test('a history table from before tags gets the column in place; its rows stay', async () => {
    await withConnection(project.db, async (ds) => {
      await ds.query(
        'CREATE TABLE entity_migrate_history (revision varchar(32) NOT NULL, checksum varchar(64) NOT NULL, direction varchar(9) NOT NULL, applied_at varchar(32) NOT NULL, duration_ms integer NOT NULL)',
      );
      await ds.query(`INSERT INTO entity_migrate_history VALUES ('old00000001', 'x', 'upgrade', '2020-01-01T00:00:00.000Z', 5)`);
    });
    const up = await project.spawn('upgrade', 'head', '--tag', 'v2');
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(await historyRows(project)).toEqual([
      { revision: 'old00000001', direction: 'upgrade', tag: null },
      { revision: 'aaaa00000001', direction: 'upgrade', tag: 'v2' },
    ]);
  });

  test('a malformed -x or an over-long --tag is refused before anything is touched', async () => {
    expectUsageError(await project.spawn('upgrade', 'head', '-x', 'tenant'), '-x tenant: expected key=value');
    expectUsageError(await project.spawn('upgrade', 'head', '-x', '=1'), '-x =1: expected key=value');
    expectUsageError(await project.spawn('downgrade', 'base', '-x', 'a=1', '-x', 'a=2'), '-x a is given twice');
    expectUsageError(await project.spawn('upgrade', 'head', '--tag', 't'.repeat(256)), 'at most 255');
    expect(await tableNames(project.db)).toEqual([]);
    expect(await versionRows(project.db).catch(() => 'no version table')).toBe('no version table');
  });
});
