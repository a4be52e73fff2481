/**
 * Loading users' files: a load error names the exact `file:line:col` of the .ts (or .js) source, with and without
 * --verbose (which turns on Node's own source-map support), through the built CLI. Needs SQLite
 * (in memory).
 */
import { SpawnedProject } from './helpers/spawned-project';
import { ensureBuilt } from './helpers/spawn-cli';

beforeAll(() => ensureBuilt(), 120_000);
jest.setTimeout(60_000);

let project: SpawnedProject;
beforeAll(() => {
  project = new SpawnedProject('errors').write({
    // Decorators without metadata, so TypeORM's @Column() throws while it is applied.
    'nometa/tsconfig.json': JSON.stringify({ compilerOptions: { experimentalDecorators: true } }),
  });
});
afterAll(() => project.remove());

const lines = (...text: string[]) => `${text.join('\n')}\n`;

test.each([
  [
    'a throw at module top level, after types that shift the emitted lines',
    'src/top.ts',
    lines('interface Opts {', '  a: number;', '}', 'const opts: Opts = { a: 1 };', '', 'throw new Error(`top-level ${opts.a}`);'),
    'src/top.ts: top-level 1 (at src/top.ts:6:7)',
  ],
  [
    // The decorator statement has no mapping of its own; it used to borrow the previous member's.
    'TypeORM rejecting a member while its decorator is applied',
    'nometa/entity.ts',
    lines(
      "import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';",
      '@Entity()',
      'export class A {',
      "  @PrimaryGeneratedColumn({ type: 'integer' })",
      '  id!: number;',
      '',
      "  @Column({ type: 'text', nullable: true })",
      '  note!: string;',
      '',
      '  @Column()',
      '  name!: string;',
      '}',
    ),
    'nometa/entity.ts: Column type for A#name is not defined',
    'nometa/entity.ts:10:3)',
  ],
  [
    'a decorator argument that throws',
    'src/argument.ts',
    lines("import { Entity, Column } from 'typeorm';", 'const o: any = {};', '@Entity()', 'export class B {', '  @Column({ type: o.a.b })', '  name!: string;', '}'),
    "src/argument.ts: Cannot read properties of undefined (reading 'b') (at src/argument.ts:5:23)",
  ],
  [
    'a decorator of the user that throws',
    'src/own.ts',
    lines('function Boom(): ClassDecorator {', '  return () => {', "    throw new Error('boom');", '  };', '}', '', '@Boom()', 'export class C {}'),
    'src/own.ts: boom (at src/own.ts:3:11)',
  ],
  ['a TypeScript syntax error', 'src/syntax.ts', lines('export const a = {', '  b: 1', '  c: 2,', '};'), "src/syntax.ts:3:3: Expected ',', got 'ident'"],
  [
    'a declaration V8 rejects after swc accepted it',
    'src/twice.ts',
    lines('type T = number;', 'export const a: T = 1;', 'export const a: T = 2;'),
    "src/twice.ts:3:14: Identifier 'a' has already been declared",
  ],
  ['a JavaScript syntax error', 'src/syntax.js', lines('module.exports = {', '  a: 1,', '  b: ,', '};'), "src/syntax.js:3:6: Unexpected token ','"],
])('%s', async (_, file, text, ...expected) => {
  project.write({ [file]: text, 'em.json': JSON.stringify({ type: 'better-sqlite3', database: ':memory:', entities: [file] }) });
  for (const verbose of [[], ['--verbose']]) {
    const result = await project.cli('-c', 'em.json', 'check', ...verbose);
    const first = result.stderr.split('\n')[0] ?? '';
    expect(result.code).toBe(1);
    expect(first.startsWith('error: ')).toBe(true);
    for (const part of expected) expect(first).toContain(part);
  }
});
