/**
 * A throwaway user project for CLI tests: a folder under test/.tmp (inside the repo, so that
 * `typeorm` resolves from its files as it would in a real project), a config, revision files.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createColors } from 'picocolors';
import { main } from '../../src/cli/main';
import type { TestDatabase } from './databases';
import { writeFile } from './files';
import { perTest } from './per-test';
import { runCli, startCli, type RunningCli } from './spawn-cli';

export const TMP_ROOT = resolve(__dirname, '..', '.tmp');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class TestProject {
  readonly dir: string;

  constructor(readonly db: TestDatabase, name = 'project') {
    this.dir = join(TMP_ROOT, `${name}-${process.pid}-${randomBytes(4).toString('hex')}`);
    mkdirSync(join(this.dir, 'migrations', 'versions'), { recursive: true });
  }

  get versionsDir(): string {
    return join(this.dir, 'migrations', 'versions');
  }

  /** Write a file relative to the project folder. */
  write(relativePath: string, content: string): string {
    return writeFile(this.dir, relativePath, content);
  }

  remove(relativePath: string): void {
    rmSync(join(this.dir, relativePath));
  }

  read(relativePath: string): string {
    return readFileSync(join(this.dir, relativePath), 'utf8');
  }

  revisionFiles(): string[] {
    return readdirSync(this.versionsDir).filter((f) => f.endsWith('.ts')).sort();
  }

  /** Write a config that reaches the test database through its URL. */
  writeConfig(extra: Record<string, unknown> = {}): void {
    this.write('entity-migrate.config.json', JSON.stringify({ url: '${TEST_DATABASE_URL}', ...extra }, null, 2));
  }

  /** A hand-written revision with the given upgrade/downgrade bodies. */
  writeRevision(id: string, down: string | string[] | null, upgrade: string, downgrade: string, message = `revision ${id}`): string {
    return this.write(
      `migrations/versions/${id}_${message.replace(/\W+/g, '_')}.ts`,
      [
        `import type { MigrationContext } from 'typeorm-entity-migrate';`,
        `export const revision = '${id}';`,
        `export const downRevision = ${JSON.stringify(down)};`,
        `export const message = ${JSON.stringify(message)};`,
        `export async function upgrade({ op }: MigrationContext): Promise<void> {`,
        `  ${upgrade}`,
        `}`,
        `export async function downgrade({ op }: MigrationContext): Promise<void> {`,
        `  ${downgrade}`,
        `}`,
        ``,
      ].join('\n'),
    );
  }

  /** Run the CLI in-process, as `entity-migrate ...args` in this folder. */
  async cli(...args: string[]): Promise<CliResult> {
    let stdout = '';
    let stderr = '';
    const code = await main(args, {
      cwd: this.dir,
      env: { ...process.env, TEST_DATABASE_URL: this.db.url },
      stdout: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`),
      stderr: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
      interactive: false,
      color: createColors(false),
    });
    return { code, stdout, stderr };
  }

  /**
   * `entity-migrate …args` in this folder as a child process of the built CLI (`bin/`, the real
   * loader, a fresh process per call; call `ensureBuilt()` first), with TEST_DATABASE_URL set.
   */
  spawn(...args: string[]): Promise<CliResult> {
    return runCli(args, { cwd: this.dir, env: { TEST_DATABASE_URL: this.db.url } });
  }

  /** Like `spawn`, without waiting: the running process, with `env` added to its environment. */
  start(args: string[], env: NodeJS.ProcessEnv = {}): RunningCli {
    return startCli(args, { cwd: this.dir, env: { TEST_DATABASE_URL: this.db.url, ...env } });
  }

  async cleanup(): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
    await this.db.drop();
  }
}

/**
 * A fresh project on a fresh database for each test of the describe block, removed (and its
 * database dropped) after it. Set it up further in a `beforeEach` declared after this call.
 */
export function projectPerTest(createDatabase: () => Promise<TestDatabase>, name?: string): TestProject {
  return perTest(async () => new TestProject(await createDatabase(), name), (project) => project.cleanup());
}

/** One project on one database for all the tests of the describe block (beforeAll / afterAll). */
export function projectPerSuite(createDatabase: () => Promise<TestDatabase>, name?: string): TestProject {
  return perTest(async () => new TestProject(await createDatabase(), name), (project) => project.cleanup(), { scope: 'all' });
}

/** A project on `db` for the length of `fn`, removed (and `db` dropped) afterwards. */
export async function withProject<T>(db: TestDatabase, name: string | undefined, fn: (project: TestProject) => Promise<T>): Promise<T> {
  const project = new TestProject(db, name);
  try {
    return await fn(project);
  } finally {
    await project.cleanup();
  }
}

/** Revision-body source: create table `name` with one integer primary key `id`. */
export const createTableOp = (name: string): string =>
  `await op.createTable({ name: '${name}', columns: [{ name: 'id', type: 'integer', isPrimary: true }] });`;

/** Revision-body source: drop table `name`. */
export const dropTableOp = (name: string): string => `await op.dropTable('${name}');`;
