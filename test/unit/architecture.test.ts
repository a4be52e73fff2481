/**
 * The rules of ARCHITECTURE.md, checked on the source (no database): imports run one way with no
 * cycles (dependency-cruiser, `.dependency-cruiser.cjs`), nothing outside `src/dialects/` names a
 * database, and TypeORM's non-public members are reached only from `src/typeorm-internals`.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(src).map((file) => ({ file: relative(root, file).split('\\').join('/'), text: readFileSync(file, 'utf8') }));

/** Every string literal in a file's code (comments are not code), with its line. */
function stringLiterals(text: string): { value: string; line: number }[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const found: { value: string; line: number }[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.StringLiteral || token === ts.SyntaxKind.NoSubstitutionTemplateLiteral) {
      found.push({ value: scanner.getTokenValue(), line: text.slice(0, scanner.getTokenStart()).split('\n').length });
    }
  }
  return found;
}

test('imports run one way, with no cycles (dependency-cruiser)', () => {
  let output = '';
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  expect(output).toBe('');
});

test('nothing outside src/dialects/ asks which database it is talking to', () => {
  const names = new Set(['postgres', 'postgresql', 'sqlite', 'better-sqlite3', 'mysql', 'mariadb']);
  const branches = files
    .filter(({ file }) => !file.startsWith('src/dialects/'))
    .flatMap(({ file, text }) => stringLiterals(text).filter((s) => names.has(s.value)).map((s) => `${file}:${s.line} '${s.value}'`));
  expect(branches).toEqual([]);
});

test("TypeORM's non-public members are reached only from src/typeorm-internals", () => {
  const casts = files
    .filter(({ file }) => !file.startsWith('src/typeorm-internals'))
    .flatMap(({ file, text }) => text.split('\n').flatMap((line, i) => (/\bas unknown as\b/.test(line) ? [`${file}:${i + 1}`] : [])));
  expect(casts).toEqual([]);
});
