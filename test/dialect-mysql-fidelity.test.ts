/**
 * MySQL/MariaDB fidelity on a realistic entity set (issue 7, section 5), for both driver types
 * against the MariaDB server: `check` is clean right after `upgrade head` and again after a full
 * downgrade and upgrade, and a hinted rename is a lone renameColumn / renameTable. Needs MariaDB.
 */
import { createMysqlDatabase, tableNames, withConnection } from './helpers/databases';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectPerTest, type TestProject } from './helpers/project';
import { schemaSnapshot } from './helpers/schema-snapshot';
import { withoutChangeSummary } from './helpers/round-trip';

const BOOKKEEPING = ['entity_migrate_history', 'entity_migrate_version'];

const ENTITIES = `import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

export enum Role { Admin = 'admin', Member = 'member', Guest = 'guest' }

@Entity('account')
@Unique('UQ_account_handle_region', ['handle', 'region'])
export class Account {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 320, unique: true }) email!: string;
  @Column() handle!: string;
  @Column({ type: 'varchar', length: 8, default: 'eu' }) region!: string;
  @Column({ type: 'char', length: 2, nullable: true }) country!: string | null;
  @Column({ type: 'enum', enum: Role, default: Role.Member }) role!: Role;
  @Column({ type: 'json', nullable: true }) settings!: object | null;
  @Column({ default: true }) active!: boolean;
  @Column({ type: 'int', default: 0 }) logins!: number;
  @Column({ type: 'decimal', precision: 10, scale: 2, default: 0 }) balance!: string;
  @Column({ type: 'double', nullable: true }) score!: number | null;
  @Column({ type: 'text', nullable: true }) bio!: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true, default: null }) nickname!: string | null;
  @Column({ type: 'varchar', length: 20, default: 'a b' }) quoted!: string;
  @Column({ type: 'datetime', precision: 6, default: () => 'CURRENT_TIMESTAMP(6)' }) joinedAt!: Date;
  @CreateDateColumn() createdAt!: Date;
  @UpdateDateColumn({ type: 'datetime', precision: 6 }) updatedAt!: Date;
  @Column({ type: 'date', nullable: true }) birthday!: string | null;
  @Column({ type: 'bigint', unsigned: true, default: 1 }) big!: string;
  @OneToMany(() => Post, (p) => p.author) posts!: Post[];
}

@Entity('post')
@Index('IDX_post_title_created', ['title', 'createdAt'])
export class Post {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column({ length: 120 }) title!: string;
  @Column({ type: 'varchar' }) slug!: string;
  @ManyToOne(() => Account, (a) => a.posts, { nullable: false, onDelete: 'CASCADE' }) @JoinColumn({ name: 'author_id' }) author!: Account;
  @ManyToOne(() => Account, { nullable: true, onDelete: 'SET NULL' }) editor!: Account | null;
  @ManyToOne(() => Post, { nullable: true }) parent!: Post | null;
  @Column({ type: 'timestamp', default: () => 'CURRENT_TIMESTAMP' }) createdAt!: Date;
  @Column({ type: 'tinyint', default: 1 }) flag!: number;
}
`;


/**
 * Replace the project's entity files. New file names each time: the CLI runs in-process, and a
 * module loaded once under a path is not loaded again.
 */
let generation = 0;
function useEntities(project: TestProject, files: Record<string, string>): void {
  const dir = join(project.dir, 'entities');
  for (const file of existsSync(dir) ? readdirSync(dir) : []) project.remove(`entities/${file}`);
  generation++;
  for (const [name, source] of Object.entries(files)) project.write(`entities/${name}-${generation}.ts`, source);
}

/** Columns of the account table that carry MariaDB's json CHECK (json_valid). */
const jsonChecks = (project: TestProject) =>
  withConnection(project.db, async (ds) =>
    ((await ds.query(
      `SELECT CONSTRAINT_NAME AS name FROM information_schema.CHECK_CONSTRAINTS
        WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'account' AND CHECK_CLAUSE LIKE 'json_valid(%'`,
    )) as { name: string }[]).map((r) => r.name),
  );

const snapshot = (project: TestProject) => withConnection(project.db, schemaSnapshot);

/**
 * Upgrade the newest revision, check, downgrade it: the schema must be exactly as before, and with
 * the revision file and the old entities back in place `check` is clean again.
 */
async function roundTripNewest(project: TestProject, file: string, oldEntities: Record<string, string>): Promise<void> {
  const before = await snapshot(project);
  await expectOk(project, 'upgrade', 'head');
  await expectClean(project);
  await expectOk(project, 'downgrade', '-1');
  expect(await snapshot(project)).toEqual(before);
  project.remove(`migrations/versions/${file}`);
  useEntities(project, oldEntities);
  await expectClean(project);
}

async function expectClean(project: TestProject): Promise<void> {
  const check = await project.cli('check');
  expect(check.stdout + check.stderr).toContain('No changes detected');
  expect(check.code).toBe(0);
}

async function expectOk(project: TestProject, ...args: string[]): Promise<string> {
  const result = await project.cli(...args);
  expect(withoutChangeSummary(result.stderr)).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

describe.each(['mysql', 'mariadb'] as const)('type %s on the MariaDB server', (type) => {
  const project = projectPerTest(createMysqlDatabase, `mysql-${type}`);
  beforeEach(() => {
    project.writeConfig({ entities: ['entities/*.ts'], type });
    useEntities(project, { model: ENTITIES });
  });

  test('autogenerate → upgrade → check clean → downgrade base → upgrade → check clean', async () => {
    await expectOk(project, 'revision', '--autogenerate', '-m', 'init');
    await expectOk(project, 'upgrade', 'head');
    await expectClean(project);
    await expectOk(project, 'downgrade', 'base');
    expect(await tableNames(project.db)).toEqual(BOOKKEEPING);
    await expectOk(project, 'upgrade', 'head');
    await expectClean(project);
    // verify: the same on a scratch database, comparing snapshots of it after each downgrade.
    await expectOk(project, 'verify');
  });

  test('--rename of a default-length varchar and of a json column: lone renameColumns that round-trip', async () => {
    await expectOk(project, 'revision', '--autogenerate', '-m', 'init');
    await expectOk(project, 'upgrade', 'head');
    const renamed = ENTITIES.replace('@Column() handle!: string;', '@Column() username!: string;')
      .replace("['handle', 'region']", "['username', 'region']")
      .replace('settings!: object | null', 'prefs!: object | null');
    useEntities(project, { model: renamed });
    const out = await expectOk(
      project, 'revision', '--autogenerate', '-m', 'renames', '--rename', 'account.handle:username', '--rename', 'account.settings:prefs',
    );
    const name = project.revisionFiles().find((f) => f.endsWith('_renames.ts'))!;
    const file = project.read(`migrations/versions/${name}`);
    expect(out).not.toMatch(/destructive|shortens/i);
    expect(file).toContain(`op.renameColumn('account', 'handle', 'username')`);
    // MariaDB stores json as longtext + CHECK (json_valid(…)); read back as json, it is a candidate.
    expect(file).toContain(`op.renameColumn('account', 'settings', 'prefs')`);
    expect(file).not.toMatch(/alterColumn|addColumn|dropColumn/);
    await roundTripNewest(project, name, { model: ENTITIES });
    expect(await jsonChecks(project)).toEqual(['settings']);
  });

  test('--rename of a table with default-length varchar columns is a lone renameTable and round-trips', async () => {
    const tag = `@Entity('tag')
export class Tag {
  @PrimaryGeneratedColumn() id!: number;
  @Column() label!: string;
  @Column({ type: 'varchar', nullable: true }) colour!: string | null;
}
`;
    const tagSource = (t: string) => `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n${t}`;
    useEntities(project, { model: ENTITIES, tag: tagSource(tag) });
    await expectOk(project, 'revision', '--autogenerate', '-m', 'init');
    await expectOk(project, 'upgrade', 'head');
    useEntities(project, { model: ENTITIES, tag: tagSource(tag.replace("@Entity('tag')", "@Entity('label')")) });
    const out = await expectOk(project, 'revision', '--autogenerate', '-m', 'rename tag', '--rename', 'tag:label');
    const name = project.revisionFiles().find((f) => f.endsWith('_rename_tag.ts'))!;
    const file = project.read(`migrations/versions/${name}`);
    expect(out).not.toMatch(/destructive|shortens/i);
    expect(file).toContain(`op.renameTable('tag', 'label')`);
    expect(file).not.toContain('alterColumn');
    await roundTripNewest(project, name, { model: ENTITIES, tag: tagSource(tag) });
  });
});
