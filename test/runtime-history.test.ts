/**
 * Runtime, the history table: a row per revision run with its checksum, and warnings (or, with
 * `check --strict`, a failure) when an applied revision's code changed since it ran. In-process
 * CLI; needs PostgreSQL and SQLite.
 */
import { DIALECTS, withConnection } from './helpers/databases';
import { createTableOp, dropTableOp, projectPerTest } from './helpers/project';

const create = createTableOp('alpha');
const drop = dropTableOp('alpha');

describe.each(Object.entries(DIALECTS))('the history table on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase);
  beforeEach(() => {
    // An entity for another table, so `check` has something to compare (no entities is an error).
    project.writeConfig({ entities: ['entities/*.ts'] });
    project.write('entities/beta.ts', "import { Entity, PrimaryColumn } from 'typeorm';\n@Entity('beta')\nexport class Beta {\n  @PrimaryColumn('integer')\n  id!: number;\n}\n");
  });

  test('records each run with direction, checksum and duration', async () => {
    project.writeRevision('aaaa00000001', null, create, drop, 'alpha');
    await project.cli('upgrade', 'head');
    await project.cli('downgrade', 'base');
    const rows = await withConnection(project.db, (ds) =>
      ds.query('SELECT revision, checksum, direction, applied_at, duration_ms FROM entity_migrate_history ORDER BY applied_at'),
    );
    expect(rows.map((r: { revision: string; direction: string }) => [r.revision, r.direction])).toEqual([
      ['aaaa00000001', 'upgrade'],
      ['aaaa00000001', 'downgrade'],
    ]);
    expect(rows[0].checksum).toMatch(/^[0-9a-f]{16}$/);
    expect(Number(rows[0].duration_ms)).toBeGreaterThanOrEqual(0);
    expect(new Date(rows[0].applied_at).getTime()).not.toBeNaN();
  });

  test('an applied revision edited afterwards is named by upgrade, current -v and check --strict', async () => {
    project.writeRevision('aaaa00000001', null, create, drop, 'alpha');
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    const unchanged = await project.cli('check', '--strict');
    expect(unchanged.code).toBe(2); // alpha has no entity, beta no table: pending ops, but no checksum failure
    expect(unchanged.stderr).not.toContain('changed since it was applied');

    // Edit the applied revision (a new path: jest caches modules by path).
    project.remove('migrations/versions/aaaa00000001_alpha.ts');
    project.writeRevision('aaaa00000001', null, `${create}\n  await op.execute('SELECT 1');`, drop, 'alpha edited');

    const upgrade = await project.cli('upgrade', 'head');
    expect(upgrade.code).toBe(0);
    expect(upgrade.stderr).toMatch(/warning: revision aaaa00000001 \(migrations\/versions\/aaaa00000001_alpha_edited\.ts\) changed since it was applied/);
    const current = await project.cli('current', '-v');
    expect(current.stderr).toContain('aaaa00000001');
    expect(current.stderr).toContain('changed since it was applied');
    const strict = await project.cli('check', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr.trim().split('\n')).toHaveLength(1);
    expect(strict.stderr).toContain('revision aaaa00000001');
  });
});
