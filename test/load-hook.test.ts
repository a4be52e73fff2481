/**
 * Loading TypeScript through the require hook as the CLI uses it: a plain Node process, no jest
 * transformer, no ts-node. No database.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHookScript as run } from './helpers/run-hook-script';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'em-hook-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('entities load with decorator metadata, and the second run is served from the cache', () => {
  const cacheDir = join(dir, 'cache');
  const first = run(cacheDir);
  expect(first.nameType).toBe('varchar');
  expect(first.compiled).toBe(2);
  expect(readdirSync(cacheDir).filter((f) => f.endsWith('.js')).length).toBeGreaterThanOrEqual(2);

  const second = run(cacheDir);
  expect(second.nameType).toBe('varchar');
  expect(second).toMatchObject({ compiled: 0, cacheHits: 2 });
});

test('syntax errors and runtime throws point at the .ts source lines', () => {
  const bad = join(dir, 'bad.ts');
  writeFileSync(bad, ['type Id = number;', '', 'export const id: Id = 1;', 'export const x = {', '  a: 1', '  b: 2,', '};', ''].join('\n'));
  const thrower = join(dir, 'thrower.ts');
  // Types and decorators shift the emitted lines; the source map must put the throw back on line 6.
  writeFileSync(thrower, ['interface A {', '  a: number;', '}', 'export const a: A = { a: 1 };', 'export function f(): void {', "  throw new Error('boom');", '}', 'f();', ''].join('\n'));
  const result = run(join(dir, 'cache'), bad, thrower);
  expect((result[bad] as { error: string }).error).toMatch(new RegExp(`^${bad.replace(/[.]/g, '\\.')}:6:3: `));
  expect((result[thrower] as { error: string }).error).toMatch(/thrower\.ts: boom \(at .*thrower\.ts:6:9\)$/);
});

test('a node16-style "./x.js" import finds the sibling x.ts', () => {
  writeFileSync(join(dir, 'x.ts'), 'export const x: number = 41;\n');
  const main = join(dir, 'main.ts');
  writeFileSync(main, "import { x } from './x.js';\nexport const y = x + 1;\n");
  expect(run(join(dir, 'cache'), main)[main]).toEqual({ y: 42 });
});
