/**
 * Make swc's CommonJS export getters behave like tsc's `exports.X = void 0` in import cycles.
 *
 * tsc defines every export as `undefined` first and assigns it after the declaration, so a module
 * in a cycle that reads `user_1.User` too early gets `undefined` (and `design:type` metadata falls
 * back to `Object`); TypeORM copes because relations say `() => User`. swc instead exports through
 * getters over the `let`/`class`/`const` binding (swc #6176, #6016), so the same early read throws
 * "Cannot access 'User' before initialization". Wrapping each getter's `return X;` in
 * `try { … } catch { return void 0; }` gives tsc's observable behaviour and keeps swc's live
 * binding (a decorated class is reassigned after its decorators run).
 *
 * The getters are found in swc's own AST of the output rather than by regex, and each edit stays on
 * its line, so the inline source map still points at the right .ts lines.
 */
import type { BlockStatement, Expression, GetterProperty, Module, ModuleItem, Statement } from '@swc/core';

type Swc = typeof import('@swc/core');
interface Span {
  start: number;
  end: number;
}

/** Bumped whenever the rewrite changes, so cached output from an older rewrite is not reused. */
export const TDZ_REWRITE_VERSION = 2;

export function tolerateTdzInExports(swc: Swc, code: string): string {
  if (!code.includes('exports')) return code;
  const ast: Module = swc.parseSync(code, { syntax: 'ecmascript', target: 'es2022' });
  const returns = ast.body.flatMap(exportGetterReturns);
  if (returns.length === 0) return code;
  const bytes = Buffer.from(code, 'utf8');
  // swc spans are byte offsets from a base that grows with every file the process compiled; the
  // module's span starts at its first token.
  const base = ast.span.start - leadingTriviaBytes(bytes);
  const parts: Buffer[] = [];
  let at = 0;
  for (const span of returns.sort((a, b) => a.start - b.start)) {
    const start = span.start - base;
    const end = span.end - base;
    if (bytes.toString('utf8', start, start + 6) !== 'return') {
      throw new Error(`entity-migrate: unexpected swc output shape near byte ${start}; please report this`);
    }
    parts.push(bytes.subarray(at, start), Buffer.from('try { '), bytes.subarray(start, end), Buffer.from(' } catch { return void 0; }'));
    at = end;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts).toString('utf8');
}

/** Bytes of whitespace, comments and a hashbang before the first token. */
function leadingTriviaBytes(bytes: Buffer): number {
  const text = bytes.toString('latin1'); // one char per byte; trivia is ASCII
  const trivia = /^(?:#![^\n]*)?(?:[ \t\r\n]+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/.exec(text);
  return trivia ? trivia[0].length : 0;
}

/**
 * The `return X;` spans of one top-level statement if it is swc's export definition:
 *   Object.defineProperty(exports, "X", { enumerable: true, get: function() { return X; } });
 *   _export(exports, { get X () { return X; }, … });
 */
function exportGetterReturns(statement: ModuleItem): Span[] {
  if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'CallExpression') return [];
  const [target, second, third] = statement.expression.arguments.map((a) => a.expression);
  if (target?.type !== 'Identifier' || target.value !== 'exports') return [];
  const descriptor = third ?? second;
  if (descriptor?.type !== 'ObjectExpression') return [];
  const out: Span[] = [];
  for (const property of descriptor.properties) {
    if (property.type === 'GetterProperty') out.push(...singleReturn(getterBody(property)?.stmts));
    else if (property.type === 'KeyValueProperty' && property.key.type === 'Identifier' && property.key.value === 'get') {
      out.push(...functionReturn(property.value));
    }
  }
  return out;
}

/** swc 1.16 puts a getter's body under `function` although @swc/types still says `body`. */
function getterBody(property: GetterProperty): BlockStatement | undefined {
  return property.body ?? (property as { function?: { body?: BlockStatement } }).function?.body;
}

function functionReturn(value: Expression): Span[] {
  return value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression'
    ? singleReturn(value.body && 'stmts' in value.body ? value.body.stmts : undefined)
    : [];
}

function singleReturn(stmts: Statement[] | undefined): Span[] {
  const only = stmts?.length === 1 ? stmts[0] : undefined;
  // `return X;`, or `return _user.User;` for a re-export, whose `const _user = require(…)` is itself
  // in its TDZ until this module reaches that line.
  return only?.type === 'ReturnStatement' && only.argument !== undefined ? [only.span] : [];
}
