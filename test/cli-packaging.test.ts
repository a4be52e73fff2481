/**
 * CLI and API as users get them, packaged (issue 7, section 3): `npm pack` of the built repo, installed with
 * `typeorm` and `better-sqlite3` into a fresh app folder outside the repo, then used from there
 * the way the README says: `npx entity-migrate …` on TypeScript entities, `createMigrator` from
 * CommonJS, and the typings under `tsc --noEmit`.
 *
 * Slow by nature (an npm install that compiles better-sqlite3 takes minutes on a busy box), so
 * the timeouts are generous. The install uses the local npm cache first (`--prefer-offline`).
 * Needs SQLite (and npm).
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ensureBuilt, ROOT } from './helpers/spawn-cli';

const run = promisify(execFile);
const MINUTE = 60_000;

/** What `npm pack --json` says about the tarball. */
interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a command; a non-zero exit is a result, not a throw, so the test can show its output. */
async function sh(cwd: string, command: string, args: string[], timeout = 5 * MINUTE): Promise<Result> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: appEnv() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: `${e.stderr ?? ''}\n${e.message}` };
  }
}

/** The environment without what `npm test` / jest set for this repo (npm_* settings, NODE_ENV=test). */
function appEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE_ENV' && k !== 'INIT_CWD'));
  return { ...env, NO_COLOR: '1' };
}

/** Fails with the command's output in the message. */
function expectSuccess(result: Result, what: string): void {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
}

const versionOf = (name: string): string => require(join(ROOT, 'node_modules', name, 'package.json')).version as string;

// TypeScript entities with a two-way relation across two files: an import cycle, which the loader
// must load as tsc's CommonJS output would (no "Cannot access 'Author' before initialization").
const ENTITY_FILES: Record<string, string> = {
  'src/entities/author.ts': `import { Column, Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Book } from './book';

@Entity('author')
export class Author {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 80 }) name!: string;
  @OneToMany(() => Book, (book) => book.author) books!: Book[];
}
`,
  'src/entities/book.ts': `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Author } from './author';

@Entity('book')
export class Book {
  @PrimaryGeneratedColumn() id!: number;
  @Column() title!: string;
  @Column({ type: 'int', nullable: true }) pages!: number | null;
  @ManyToOne(() => Author, (author) => author.books, { onDelete: 'CASCADE' }) author!: Author;
}
`,
  'src/data-source.ts': `import { DataSource } from 'typeorm';
import { Author } from './entities/author';
import { Book } from './entities/book';

export default new DataSource({ type: 'better-sqlite3', database: 'app.sqlite', entities: [Author, Book] });
`,
  // The programmatic API from plain CommonJS.
  'use-api.js': `'use strict';
const { DataSource } = require('typeorm');
const { createMigrator, EntityMigrateError } = require('typeorm-entity-migrate');

async function main() {
  const dataSource = new DataSource({ type: 'better-sqlite3', database: 'app.sqlite', entities: [] });
  await dataSource.initialize();
  try {
    const migrator = await createMigrator({ dataSource, migrationsDir: 'migrations' });
    await migrator.upgrade('head');
    const current = await migrator.current();
    console.log(JSON.stringify({ current: current.map((r) => r.id), errorClass: typeof EntityMigrateError }));
  } finally {
    await dataSource.destroy();
  }
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`,
  // The typings, as a revision file and an app use them.
  'check-types.ts': `import type { MigrationContext } from 'typeorm-entity-migrate';
import { createMigrator, EntityMigrateError } from 'typeorm-entity-migrate';

export async function upgrade({ op, queryRunner }: MigrationContext): Promise<void> {
  await op.addColumn('book', { name: 'isbn', type: 'varchar', length: '20', isNullable: true });
  await queryRunner.query('SELECT 1');
}
export const migrator: Promise<unknown> = createMigrator({ dataSource: undefined as never, migrationsDir: 'migrations' });
export const isError = (e: unknown): e is EntityMigrateError => e instanceof EntityMigrateError;
// @ts-expect-error the op API is typed: an unknown op does not typecheck
export const wrong = ({ op }: MigrationContext) => op.noSuchOp();
`,
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        // node16 resolution reads the package's "exports" map, types condition included.
        module: 'node16',
        moduleResolution: 'node16',
        lib: ['ES2022', 'esnext.disposable'],
        strict: true,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        skipLibCheck: true,
        noEmit: true,
      },
      include: ['check-types.ts', 'src/**/*.ts', 'migrations/versions/*.ts'],
    },
    null,
    2,
  ),
};

describe('the packed package, installed into a fresh app', () => {
  let work: string;
  let app: string;
  let pack: PackResult;

  beforeAll(async () => {
    ensureBuilt();
    work = mkdtempSync(join(tmpdir(), 'em-pack-'));
    app = join(work, 'app');
    mkdirSync(app);
    const packed = await sh(ROOT, 'npm', ['pack', '--json', '--pack-destination', work], 5 * MINUTE);
    expectSuccess(packed, 'npm pack');
    pack = (JSON.parse(packed.stdout) as PackResult[])[0];
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'em-pack-app', version: '1.0.0', private: true }, null, 2));
    const install = await sh(
      app,
      'npm',
      [
        // No install scripts: better-sqlite3's would compile the same native addon the repo already
        // built (minutes on a busy 2-core box); the binding of that exact version is copied below.
        'install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts',
        join(work, pack.filename), `typeorm@${versionOf('typeorm')}`, `better-sqlite3@${versionOf('better-sqlite3')}`,
      ],
      25 * MINUTE,
    );
    expectSuccess(install, 'npm install');
    cpSync(join(ROOT, 'node_modules', 'better-sqlite3', 'build'), join(app, 'node_modules', 'better-sqlite3', 'build'), { recursive: true });
    for (const [file, content] of Object.entries(ENTITY_FILES)) {
      mkdirSync(dirname(join(app, file)), { recursive: true });
      writeFileSync(join(app, file), content);
    }
  }, 30 * MINUTE);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('the tarball holds dist, bin and templates, no tests or sources, at a reasonable size', () => {
    const paths = pack.files.map((f) => f.path);
    expect(pack.filename).toMatch(/^typeorm-entity-migrate-\d+\.\d+\.\d+.*\.tgz$/);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json', 'README.md', 'bin/entity-migrate.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js',
        'templates/revision.ts.hbs', 'templates/seed.ts.hbs', 'templates/init/entity-migrate.config.ts.hbs',
        'templates/init/entity-migrate.config.json.hbs',
      ]),
    );
    const unexpected = paths.filter((p) => !/^(bin|dist|templates)\//.test(p) && !/^(package\.json|README\.md|LICENSE)$/.test(p));
    expect(unexpected).toEqual([]);
    expect(paths.filter((p) => /(^|\/)(test|tests|__tests__)\/|\.test\.[cm]?[jt]s|^src\//.test(p))).toEqual([]);
    // Every compiled module has its source: a dist/ file left over from a deleted source is not shipped.
    const orphans = paths
      .filter((p) => /^dist\/.*\.js$/.test(p))
      .filter((p) => !existsSync(join(ROOT, p.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'))));
    expect(orphans).toEqual([]);
    expect(pack.size).toBeLessThan(1024 * 1024);
    expect(pack.unpackedSize).toBeLessThan(4 * 1024 * 1024);
  });

  test('npx entity-migrate --help runs the installed CLI', async () => {
    const help = await sh(app, 'npx', ['entity-migrate', '--help']);
    expectSuccess(help, 'entity-migrate --help');
    expect(help.stdout).toContain('entity-migrate <command>');
    expect(help.stdout).toMatch(/revision/);
  });

  test('init, revision --autogenerate, upgrade head, check on TypeScript entities', async () => {
    const init = await sh(app, 'npx', ['entity-migrate', 'init', '--templates']);
    expectSuccess(init, 'entity-migrate init');
    expect(existsSync(join(app, 'entity-migrate.config.ts'))).toBe(true);
    expect(existsSync(join(app, 'migrations', 'templates', 'revision.ts.hbs'))).toBe(true);

    const revision = await sh(app, 'npx', ['entity-migrate', 'revision', '--autogenerate', '-m', 'authors and books']);
    expectSuccess(revision, 'entity-migrate revision --autogenerate');
    const files = readdirSync(join(app, 'migrations', 'versions')).filter((f) => f.endsWith('.ts'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{12}_authors_and_books\.ts$/);

    expectSuccess(await sh(app, 'npx', ['entity-migrate', 'upgrade', 'head']), 'entity-migrate upgrade head');
    const check = await sh(app, 'npx', ['entity-migrate', 'check']);
    expectSuccess(check, 'entity-migrate check');
    expect(check.stdout).toContain('No changes detected');

    const api = await sh(app, process.execPath, ['use-api.js']);
    expectSuccess(api, 'node use-api.js');
    expect(JSON.parse(api.stdout.trim())).toEqual({ current: [files[0].slice(0, 12)], errorClass: 'function' });
  }, 10 * MINUTE);

  test('the typings resolve: revision files and an app typecheck with tsc --noEmit', async () => {
    const tsc = await sh(app, process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], 5 * MINUTE);
    expectSuccess(tsc, 'tsc --noEmit');
  }, 10 * MINUTE);
});
