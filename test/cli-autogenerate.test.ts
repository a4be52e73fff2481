/**
 * CLI, the autogenerate commands as a user runs them: revision --autogenerate, check (exit 0 / 2 /
 * --json), the not-at-head refusal, "No changes detected", and verify on a scratch database.
 * In-process CLI; needs PostgreSQL and SQLite.
 */
import { DIALECTS } from './helpers/databases';
import { projectPerTest, type TestProject } from './helpers/project';

const userEntity = (extraColumn = '') => `
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('app_user')
export class AppUser {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ length: 100 })
  name!: string;
${extraColumn}
}
`;

/**
 * The CLI runs in-process and jest caches modules by path, so a changed entity goes to a new file
 * (a real CLI run is a new process and simply reads the edited file).
 */
function evolveUserEntity(project: TestProject): void {
  project.remove('entities/user.ts');
  project.write('entities/user-v2.ts', userEntity('  @Column({ nullable: true })\n  nickname?: string;'));
}

describe.each(Object.entries(DIALECTS))('autogenerate commands on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase);
  beforeEach(() => {
    project.writeConfig({ entities: ['entities/*.ts'] });
    project.write('entities/user.ts', userEntity());
  });

  test('check reports pending ops with exit 2, then 0 once a generated revision is applied', async () => {
    const pending = await project.cli('check');
    expect(pending.code).toBe(2);
    expect(pending.stdout).toContain('app_user');
    const json = await project.cli('check', '--json');
    expect(json.code).toBe(2);
    const parsed = JSON.parse(json.stdout) as { ops: { kind: string }[] };
    expect(parsed.ops.map((o) => o.kind)).toEqual(['createTable']);

    const revision = await project.cli('revision', '--autogenerate', '-m', 'create users');
    expect(revision.code).toBe(0);
    const file = revision.stdout.trim();
    expect(project.read(file)).toContain("await op.createTable({");
    expect(project.read(file)).toContain("await op.dropTable({");
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    const clean = await project.cli('check');
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);

    const nothing = await project.cli('revision', '--autogenerate', '-m', 'nothing');
    expect(nothing.code).toBe(0);
    expect(nothing.stderr).toContain('No changes detected');
    expect(project.revisionFiles()).toHaveLength(1);
    const empty = await project.cli('revision', '--autogenerate', '-m', 'empty on purpose', '--allow-empty');
    expect(empty.code).toBe(0);
    expect(project.revisionFiles()).toHaveLength(2);
  });

  test('a --rename that matches no dropped and added pair is refused, naming the possible renames', async () => {
    await project.cli('revision', '--autogenerate', '-m', 'create users');
    expect((await project.cli('upgrade', 'head')).code).toBe(0);
    // name → fullName, with a typo in the hint: the drop + add it meant to prevent must not be written.
    project.remove('entities/user.ts');
    project.write('entities/user-v2.ts', userEntity().replace('  name!: string;', '  fullName!: string;').replace('length: 100', 'length: 100, nullable: true'));
    const typo = await project.cli('revision', '--autogenerate', '-m', 'full name', '--rename', 'app_user.nmae:fullName');
    expect(typo.code).toBe(1);
    expect(typo.stderr.trim().split('\n')).toHaveLength(1);
    expect(typo.stderr).toContain('--rename app_user.nmae:fullName matches no dropped and added column or table');
    expect(typo.stderr).toContain('--rename app_user.name:fullName');
    expect(project.revisionFiles()).toHaveLength(1);

    const right = await project.cli('revision', '--autogenerate', '-m', 'full name', '--rename', 'app_user.name:fullName');
    expect(right.code).toBe(0);
    expect(project.read(right.stdout.trim())).toContain("op.renameColumn('app_user', 'name', 'fullName')");
  });

  test('autogenerate refuses while the database is behind head', async () => {
    await project.cli('revision', '--autogenerate', '-m', 'create users');
    evolveUserEntity(project);
    const refused = await project.cli('revision', '--autogenerate', '-m', 'add nickname');
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain("run 'entity-migrate upgrade head' first");
    expect(project.revisionFiles()).toHaveLength(1);
  });

  test('verify proves generated revisions and names one whose downgrade is incomplete', async () => {
    await project.cli('revision', '--autogenerate', '-m', 'create users', '--rev-id', 'aaaa00000001');
    await project.cli('upgrade', 'head');
    evolveUserEntity(project);
    await project.cli('revision', '--autogenerate', '-m', 'add nickname', '--rev-id', 'bbbb00000002');
    const ok = await project.cli('verify');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Verified 2 revision(s)');

    // Break the downgrade of the second revision: it no longer drops the column.
    const file = project.revisionFiles().find((f) => f.startsWith('bbbb'))!;
    const source = project.read(`migrations/versions/${file}`);
    project.remove(`migrations/versions/${file}`);
    project.write(`migrations/versions/broken_${file}`, source.replace(/await op\.dropColumn\([^;]*;/, ''));
    const broken = await project.cli('verify');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('revision bbbb00000002');
    expect(broken.stderr).toContain('does not restore the schema');
    expect(broken.stderr).toContain('app_user');
    // It names what differs, not a cut of two JSON texts.
    expect(broken.stderr).toMatch(/table (public\.)?app_user differs: column nickname is left over/);
  });
});
