/**
 * Loading users' TypeScript: entity globs, decorator metadata, error lines, and the transpile
 * cache. (Inside jest, `require` is jest's own and transpiles with @swc/jest; the real require
 * hook is exercised in a plain Node process in load-hook.test.ts.) Needs SQLite (in memory).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { LoadError } from '../src/errors';
import { expandEntityGlob, resolveEntities } from '../src/load/entities';
import { loadModule } from '../src/load/load-module';
import { parseSwcError, resetTranspileCacheDir, transpile, transpileStats } from '../src/load/transpile';
import { writeFile } from './helpers/files';

const FIXTURES = resolve(__dirname, 'fixtures/load');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'em-load-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => writeFile(dir, name, text);

function catchError(fn: () => unknown): LoadError {
  try {
    fn();
  } catch (error) {
    return error as LoadError;
  }
  throw new Error('expected an error');
}

describe('entity globs', () => {
  test('a .ts glob loads the classes, skipping .d.ts, relative to the base directory', async () => {
    expect(expandEntityGlob('entities/*.ts', FIXTURES).map((f) => f.slice(FIXTURES.length + 1))).toEqual([
      'entities/author.entity.ts',
      'entities/book.entity.ts',
    ]);
    const classes = await resolveEntities(['entities/*.entity.ts'], FIXTURES);
    expect(classes.map((c) => (c as { name: string }).name).sort()).toEqual(['Author', 'Book']);
  });

  test('classes pass through and duplicates collapse', async () => {
    class Local {}
    const classes = await resolveEntities([Local, 'entities/author.entity.ts', 'entities/*.entity.ts'], FIXTURES);
    expect(classes.map((c) => (c as { name: string }).name)).toEqual(['Local', 'Author', 'Book']);
  });

  test('decorator metadata survives: @Column() name: string becomes a varchar', async () => {
    const entities = await resolveEntities([join(FIXTURES, 'entities/*.entity.ts')], '/');
    const ds = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities });
    await ds.initialize();
    try {
      const author = ds.getMetadata('author');
      const column = (name: string) => author.findColumnWithPropertyName(name)!;
      expect(column('name').type).toBe(String);
      expect(ds.driver.normalizeType(column('name'))).toBe('varchar');
      expect(ds.driver.normalizeType(column('active'))).toBe('boolean');
      expect(ds.getMetadata('book').relations.map((r) => r.propertyName)).toEqual(['author']);
    } finally {
      await ds.destroy();
    }
  });
});

describe('a module that fails to load', () => {
  test('a TypeScript syntax error names file:line:col', () => {
    const file = write(
      'bad.ts',
      ['interface Row {', '  id: number;', '}', '', 'export const rows: Row[] = [];', 'export const broken = (1 + ;', ''].join('\n'),
    );
    const error = catchError(() => loadModule(file));
    expect(error).toBeInstanceOf(LoadError);
    expect(error.code).toBe('LOAD_FAILED');
    expect(error.file).toBe(file);
    expect(error.message).toMatch(new RegExp(`^${escape(file)}:6:28: `));
    expect(error.message).not.toContain('\n');
  });

  test('a JavaScript syntax error names file:line', () => {
    const error = catchError(() => loadModule(join(FIXTURES, 'broken/syntax-error.js')));
    expect(error).toBeInstanceOf(LoadError);
    expect(error.message).toMatch(/syntax-error\.js:3(:\d+)?: /);
  });

  test('a throw while loading names the file and keeps the cause', () => {
    const file = join(FIXTURES, 'broken/throws.ts');
    const error = catchError(() => loadModule(file));
    expect(error).toBeInstanceOf(LoadError);
    expect(error.message).toContain('broken/throws.ts');
    expect(error.message).toContain('database password is required');
    expect(error.message).not.toContain('\n');
    expect((error.cause as Error).message).toBe('database password is required');
  });

  test('a throw in an imported file names the top file and where it threw', () => {
    const error = catchError(() => loadModule(join(FIXTURES, 'broken/imports-throwing.ts')));
    expect(error.message).toContain('imports-throwing.ts');
    expect(error.message).toMatch(/\(at .*throws\.ts:\d+:\d+\)/);
  });

  test('a missing file is a LoadError', () => {
    const error = catchError(() => loadModule(join(dir, 'nope.ts')));
    expect(error).toBeInstanceOf(LoadError);
    expect(error.message).toContain('nope.ts');
  });
});

describe('the transpile cache and swc output', () => {
  const env = process.env.ENTITY_MIGRATE_CACHE_DIR;
  afterEach(() => {
    if (env === undefined) delete process.env.ENTITY_MIGRATE_CACHE_DIR;
    else process.env.ENTITY_MIGRATE_CACHE_DIR = env;
    resetTranspileCacheDir();
  });

  test('the second transpile of the same source is a cache hit that never calls swc', () => {
    const cacheDir = join(dir, 'cache');
    mkdirSync(cacheDir);
    process.env.ENTITY_MIGRATE_CACHE_DIR = cacheDir;
    resetTranspileCacheDir();
    const file = join(dir, 'entity.ts');
    const source = "import { Column } from 'typeorm';\nexport class A {\n  @Column() name!: string;\n}\n";
    const before = { ...transpileStats };
    const first = transpile(file, source);
    expect(transpileStats.compiled).toBe(before.compiled + 1);
    expect(first).toContain('design:type');
    expect(first).toContain('sourceMappingURL=data:application/json');
    expect(readdirSync(cacheDir)).toHaveLength(1);

    const second = transpile(file, source);
    expect(second).toBe(first);
    expect(transpileStats.compiled).toBe(before.compiled + 1);
    expect(transpileStats.cacheHits).toBe(before.cacheHits + 1);

    transpile(file, `${source}// edited\n`);
    expect(transpileStats.compiled).toBe(before.compiled + 2);
  });

  test('export getters tolerate the TDZ as tsc exports do, on the same lines', () => {
    process.env.ENTITY_MIGRATE_CACHE_DIR = '0';
    resetTranspileCacheDir();
    const source = "/** header kept by swc */\nexport { Other } from './other';\nexport class A {}\nexport const b = 1;\nexport default class C {}\n";
    const code = transpile(join(dir, 'exports.ts'), source);
    const exported: Record<string, unknown> = {};
    // Evaluate only the export definitions, as a module in a cycle is seen before its body ran.
    const head = code.slice(0, code.indexOf('const _other = require'));
    new Function('exports', head)(exported);
    expect(Object.keys(exported).sort()).toEqual(['A', 'Other', 'b', 'default']);
    expect(exported.A).toBeUndefined();
    expect(exported.Other).toBeUndefined();
    expect(code.match(/try \{ return [\w.]+; \} catch \{ return void 0; \}/g)).toHaveLength(4);
  });

  test('swc error snippets give the caret position, not the snippet start', () => {
    const text = [
      '  x Expression expected',
      '   ,-[/abs/b.ts:3:1]',
      ' 1 | const a = 1;',
      ' 2 | ',
      ' 3 | const x = ;',
      '   :           ^',
      '   `----',
    ].join('\n');
    expect(parseSwcError(text)).toEqual({ message: 'Expression expected', line: 3, column: 11 });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
