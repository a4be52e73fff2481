/**
 * Loading with the nearest tsconfig.json of a loaded file (following `extends`): `paths` and `baseUrl` resolve,
 * decorator and class-field settings are tsc's, and the transpile cache notices a change. Built
 * CLI and plain Node processes; needs SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFiles } from './helpers/files';
import { runHookScript } from './helpers/run-hook-script';
import { SpawnedProject } from './helpers/spawned-project';
import { ensureBuilt } from './helpers/spawn-cli';

beforeAll(() => ensureBuilt(), 120_000);
jest.setTimeout(60_000);

let dir: string;
let project: SpawnedProject | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'em-tsconfig-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  project?.remove();
  project = undefined;
});

const write = (files: Record<string, string>) => writeFiles(dir, files);
const tsconfig = (compilerOptions: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ compilerOptions, ...extra });
const LEGACY = { experimentalDecorators: true, emitDecoratorMetadata: true };

const AUTHOR = `import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';\n@Entity()\nexport class Author {\n  @PrimaryGeneratedColumn() id!: number;\n  @Column() name!: string;\n}\n`;
const book = (from: string) =>
  `import { Entity, PrimaryGeneratedColumn, ManyToOne } from 'typeorm';\nimport { Author } from '${from}';\n@Entity()\nexport class Book {\n  @PrimaryGeneratedColumn() id!: number;\n  @ManyToOne(() => Author) author!: Author;\n}\n`;

describe('paths and baseUrl, through the CLI', () => {
  test.each([
    ['a paths pattern', { ...LEGACY, baseUrl: '.', paths: { '@app/*': ['src/*'] } }, '@app/entities/author.entity'],
    ['paths without baseUrl', { ...LEGACY, paths: { '@app/*': ['./src/*'] } }, '@app/entities/author.entity'],
    ['an exact paths key', { ...LEGACY, paths: { '@author': ['./src/entities/author.entity.ts'] } }, '@author'],
    ['baseUrl alone', { ...LEGACY, baseUrl: './src' }, 'entities/author.entity'],
    ['a node16-style .js alias', { ...LEGACY, baseUrl: '.', paths: { '@app/*': ['src/*'] } }, '@app/entities/author.entity.js'],
  ])('%s', async (_, options, specifier) => {
    project = new SpawnedProject('paths').write({
      'tsconfig.json': tsconfig(options),
      'entity-migrate.config.json': JSON.stringify({ type: 'better-sqlite3', database: 'db.sqlite', entities: ['src/entities/*.entity.ts'] }),
      'src/entities/author.entity.ts': AUTHOR,
      'src/entities/book.entity.ts': book(specifier),
    });
    const result = await project.cli('check');
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('+ table book');
  });

  test('extends: paths from a base config resolve relative to that config', async () => {
    project = new SpawnedProject('extends').write({
      'config/tsconfig.base.json': tsconfig({ ...LEGACY, baseUrl: '..', paths: { '@entities/*': ['src/entities/*'] } }),
      'tsconfig.json': JSON.stringify({ extends: './config/tsconfig.base.json', include: ['src'] }),
      'entity-migrate.config.ts': `import { Book } from '@entities/book.entity';\nimport { Author } from '@entities/author.entity';\nexport default { type: 'better-sqlite3', database: 'db.sqlite', entities: [Book, Author] };\n`,
      'src/entities/author.entity.ts': AUTHOR,
      'src/entities/book.entity.ts': book('@entities/author.entity'),
    });
    const result = await project.cli('check');
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('+ table book');
  });
});

describe('through the require hook', () => {
  test('aliases apply only to files under the tsconfig that declares them', () => {
    write({
      'app/tsconfig.json': tsconfig({ paths: { '@lib/*': ['./lib/*'] } }),
      'app/lib/value.ts': 'export const value = 41;\n',
      'app/main.ts': "import { value } from '@lib/value';\nexport const answer = value + 1;\n",
      'other/tsconfig.json': tsconfig({}),
      'other/main.ts': "import { value } from '@lib/value';\nexport const answer = value;\n",
    });
    const result = runHookScript(join(dir, 'cache'), join(dir, 'app/main.ts'), join(dir, 'other/main.ts'));
    expect(result[join(dir, 'app/main.ts')]).toEqual({ answer: 42 });
    expect((result[join(dir, 'other/main.ts')] as { error: string }).error).toMatch(/other\/main\.ts: Cannot find module '@lib\/value'/);
  });

  test('an explicit paths pattern wins over a package of the same name, as in tsc', () => {
    write({
      'tsconfig.json': tsconfig({ paths: { typeorm: ['./fake-typeorm.ts'] } }),
      'fake-typeorm.ts': "export const fake = 'yes';\n",
      'main.ts': "import { fake } from 'typeorm';\nexport const which = fake;\n",
    });
    const main = join(dir, 'main.ts');
    expect(runHookScript(join(dir, 'cache'), main)[main]).toEqual({ which: 'yes' });
  });

  // What the compiled class shows of each setting.
  const PROBE = [
    `const seen: Record<string, unknown> = {};`,
    `function probe(...args: unknown[]): any {`,
    `  seen.kind = args.length === 2 && typeof args[1] === 'object' ? 'standard' : 'legacy';`,
    `}`,
    `class A {`,
    `  @probe declared!: string;`,
    `}`,
    `export const decorators = seen.kind;`,
    `export const metadata = String((Reflect as any).getMetadata?.('design:type', A.prototype, 'declared')?.name);`,
    `export const ownField = Object.prototype.hasOwnProperty.call(new A(), 'declared');`,
    ``,
  ].join('\n');

  test.each([
    ['no tsconfig: legacy, metadata, no define', undefined, { decorators: 'legacy', metadata: 'String', ownField: false }],
    ['experimentalDecorators + emitDecoratorMetadata, target ES2021', { ...LEGACY, target: 'ES2021' }, { decorators: 'legacy', metadata: 'String', ownField: false }],
    ['target ES2022 defaults to define semantics', { ...LEGACY, target: 'ES2022' }, { decorators: 'legacy', metadata: 'String', ownField: true }],
    ['useDefineForClassFields false wins over the target', { ...LEGACY, target: 'ESNext', useDefineForClassFields: false }, { decorators: 'legacy', metadata: 'String', ownField: false }],
    ['no emitDecoratorMetadata', { experimentalDecorators: true, target: 'ES2021' }, { decorators: 'legacy', metadata: 'undefined', ownField: false }],
    // A standard-decorated field is always an own property (tsc emits its initializer too).
    ['no experimentalDecorators: standard decorators', { target: 'ES2021' }, { decorators: 'standard', metadata: 'undefined', ownField: true }],
  ])('%s', (_, options, expected) => {
    if (options) write({ 'tsconfig.json': tsconfig(options) });
    write({ 'probe.ts': PROBE });
    const file = join(dir, 'probe.ts');
    expect(runHookScript(join(dir, 'cache'), file)[file]).toEqual(expected);
  });

  test('a broken extends chain names the tsconfig', () => {
    write({ 'tsconfig.json': JSON.stringify({ extends: './missing.json' }), 'main.ts': 'export const a = 1;\n' });
    const main = join(dir, 'main.ts');
    const { error } = runHookScript(join(dir, 'cache'), main)[main] as { error: string };
    expect(error).toBe(`${join(dir, 'tsconfig.json')}: File './missing.json' not found.`);
  });

  test('the transpile cache is invalidated when the tsconfig changes', () => {
    write({ 'tsconfig.json': tsconfig({ ...LEGACY, target: 'ES2021' }), 'probe.ts': PROBE });
    const file = join(dir, 'probe.ts');
    const cache = join(dir, 'cache');
    expect(runHookScript(cache, file)[file]).toMatchObject({ ownField: false });
    expect(runHookScript(cache, file)).toMatchObject({ [file]: { ownField: false } });
    write({ 'base.json': tsconfig({ ...LEGACY, target: 'ES2022' }), 'tsconfig.json': JSON.stringify({ extends: './base.json' }) });
    expect(runHookScript(cache, file)[file]).toMatchObject({ ownField: true });
  });
});
