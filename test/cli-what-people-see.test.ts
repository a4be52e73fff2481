/**
 * CLI, what people see (issue 12 §4): `revision --autogenerate` prints the change summary of the
 * file's header (coloured on a terminal), then the destructive warnings, then the path; a rename
 * answered "no" gets no `--rename` hint; a run of several revisions shows `[n/N, elapsed]` and
 * --quiet silences it; freshly written revisions of each template compile under
 * `tsc --strict --noUnusedParameters --noUnusedLocals`. Built CLI in child processes (and the
 * programmatic API for the rename answer); needs PostgreSQL and SQLite.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMigrator } from '../src';
import { DIALECTS } from './helpers/databases';
import { createTableOp, dropTableOp, projectPerTest, type TestProject } from './helpers/project';
import { ensureBuilt, ROOT } from './helpers/spawn-cli';

beforeAll(() => ensureBuilt(), 120_000);

const ENTITY_V1 = `import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
@Entity('gadget')
@Index('IX_gadget_name', ['name'])
export class Gadget {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 40 }) name!: string;
  @Column({ type: 'integer', nullable: true }) weight?: number;
}
`;

/** name grows to 80, the index goes, weight is dropped and grams added (a rename candidate). */
const ENTITY_V2 = `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity('gadget')
export class Gadget {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 80 }) name!: string;
  @Column({ type: 'integer', nullable: true }) grams?: number;
}
`;

async function atVersionOne(project: TestProject): Promise<void> {
  project.writeConfig({ entities: ['entities/*.ts'] });
  project.write('entities/gadget.ts', ENTITY_V1);
  expect((await project.spawn('revision', '--autogenerate', '-m', 'v1', '--rev-id', 'aaaa00000001')).code).toBe(0);
  expect((await project.spawn('upgrade', 'head')).code).toBe(0);
  project.write('entities/gadget.ts', ENTITY_V2);
}

describe.each(Object.entries(DIALECTS))('what people see on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'people-see');

  test('revision --autogenerate: the change summary, then the destructive warnings, then the path', async () => {
    project.writeConfig({ entities: ['entities/*.ts'] });
    project.write('entities/gadget.ts', ENTITY_V1);
    const first = await project.spawn('revision', '--autogenerate', '-m', 'v1', '--rev-id', 'aaaa00000001');
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('Changes:\n  + table gadget (3 columns)\n');
    expect(first.stdout).toBe(`${join('migrations', 'versions', 'aaaa00000001_v1.ts')}\n`);
    expect((await project.spawn('upgrade', 'head')).code).toBe(0);

    project.write('entities/gadget.ts', ENTITY_V2);
    const second = await project.start(['revision', '--autogenerate', '-m', 'v2', '--rev-id', 'bbbb00000002']).done;
    expect(second.code).toBe(0);
    const lines = second.stderr.trim().split('\n');
    expect(lines[0]).toBe('Changes:');
    const changes = lines.slice(1, lines.findIndex((l) => l.startsWith('warning:')));
    expect(changes).toEqual(expect.arrayContaining(['  - index IX_gadget_name on gadget (name)', '  + column gadget.grams', '  - column gadget.weight']));
    expect(changes.some((l) => /^ {2}~ column gadget\.name \(.*length.*\)$/.test(l))).toBe(true);
    // Every op of the file's header is in the summary.
    const header = project.read(second.stdout.trim());
    for (const line of changes) expect(header).toContain(` * ${line}`);
    expect(lines.slice(changes.length + 1)).toEqual([
      'warning: destructive: drops column gadget.weight and its data (if it was renamed (column gadget.weight → grams), pass --rename gadget.weight:grams)',
    ]);

    // On a terminal (FORCE_COLOR stands in for one): green, yellow and red.
    project.remove(second.stdout.trim());
    const coloured = await project.start(['revision', '--autogenerate', '-m', 'v2'], { FORCE_COLOR: '1', NO_COLOR: '' }).done;
    expect(coloured.code).toBe(0);
    expect(coloured.stderr).toContain('\x1b[32m+ column gadget.grams\x1b[39m');
    expect(coloured.stderr).toContain('\x1b[31m- column gadget.weight\x1b[39m');
    expect(coloured.stderr).toMatch(/\x1b\[33m~ column gadget\.name/);

    expect((await project.spawn('revision', '--autogenerate', '-m', 'quiet', '--quiet')).stderr).not.toContain('Changes:');
  });

  test('a rename answered "no" drops the column without suggesting --rename', async () => {
    await atVersionOne(project);
    const migrator = await createMigrator({ dataSource: { ...project.db.options, entities: [join(project.dir, 'entities', '*.ts')] }, cwd: project.dir });
    try {
      const asked: string[] = [];
      const result = await migrator.autogenerate({
        message: 'v2',
        confirmRename: async (candidate) => {
          asked.push(`${candidate.from} -> ${candidate.to}`);
          return false;
        },
      });
      expect(asked).toEqual(['weight -> grams']);
      expect(result.destructive.map((d) => ({ reason: d.reason, hint: d.hint }))).toEqual([{ reason: 'drops column gadget.weight and its data', hint: undefined }]);
      expect(readFileSync(result.file!, 'utf8')).not.toContain('--rename');
    } finally {
      await migrator.close();
    }
  });

  test('a run of several revisions shows [n/N, elapsed] on each line; one revision none; --quiet nothing', async () => {
    project.writeConfig();
    ['aaaa00000001', 'bbbb00000002', 'cccc00000003'].forEach((id, i, ids) =>
      project.writeRevision(id, i === 0 ? null : ids[i - 1]!, createTableOp(`t${i}`), dropTableOp(`t${i}`), `step ${i + 1}`),
    );
    const one = await project.spawn('upgrade', '+1');
    expect(one.stdout).toBe('Running upgrade <base> -> aaaa00000001, step 1\nNow at aaaa00000001\n');
    const up = await project.spawn('upgrade', 'head');
    expect(up.stdout).toMatch(
      /^\[1\/2, \d+\.\d s\] Running upgrade aaaa00000001 -> bbbb00000002, step 2\n\[2\/2, \d+\.\d s\] Running upgrade bbbb00000002 -> cccc00000003, step 3\nNow at cccc00000003\n$/,
    );
    const down = await project.spawn('downgrade', 'base', '--quiet');
    expect(down).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const sql = await project.spawn('upgrade', 'head', '--sql');
    expect(sql.stderr).toMatch(/^\[1\/3, \d+\.\d s\] Running upgrade <base> -> aaaa00000001, step 1\n/);
  });

  test('revisions of each template compile under tsc --strict --noUnusedParameters --noUnusedLocals', async () => {
    project.writeConfig();
    expect((await project.spawn('revision', '-m', 'empty', '--rev-id', 'aaaa00000001')).code).toBe(0);
    expect((await project.spawn('revision', '-m', 'seed', '--template', 'seed', '--table', 'gadget', '--rev-id', 'bbbb00000002')).code).toBe(0);
    // A second head beside the seed, so that a merge revision can be written.
    project.writeRevision('dddd00000004', 'aaaa00000001', createTableOp('side'), dropTableOp('side'), 'side');
    expect((await project.spawn('merge', 'bbbb', 'dddd', '-m', 'merge', '--rev-id', 'eeee00000005')).code).toBe(0);
    project.remove('migrations/versions/dddd00000004_side.ts'); // hand-written, not from a template
    project.write(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noUnusedParameters: true,
          noUnusedLocals: true,
          noEmit: true,
          module: 'node16',
          moduleResolution: 'node16',
          target: 'ES2022',
          skipLibCheck: true,
          types: [],
          paths: { 'typeorm-entity-migrate': [join(ROOT, 'dist', 'index.d.ts')] },
        },
        include: ['migrations/versions/*.ts'],
      }),
    );
    expect(project.revisionFiles()).toHaveLength(3);
    let output = '';
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project.dir, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  });
});
