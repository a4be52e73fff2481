/**
 * A throwaway user project for CLI tests: a folder under test/.tmp (inside the repo, so that
 * `typeorm` resolves from its files as it would in a real project), a config, revision files.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createColors } from 'picocolors';
import { main } from '../../src/cli/main';
import type { TestDatabase } from './databases';

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
    const file = join(this.dir, relativePath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
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

  async cleanup(): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
    await this.db.drop();
  }
}
