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
 * A try/catch getter is no longer the shape Node's CommonJS lexer recognises, so the export names
 * are also annotated as swc's `exportInteropAnnotation` does (`0 && (module.exports = { User:
 * null })`): an ES module can still `import { User }` from the file.
 *
 * The getters are found in swc's own AST of the output rather than by regex, and each edit stays on
 * its line, so the inline source map still points at the right .ts lines.
 */
import type { BlockStatement, Expression, GetterProperty, Module, ModuleItem, Statement } from '@swc/core';
import type { SpanText } from './swc-spans';

interface Span {
  start: number;
  end: number;
}
interface ExportGetter {
  name: string;
  /** Of its `return X;` */
  span: Span;
  /** Of `exports` in `Object.defineProperty(exports, …)`, which the lexer would read as an unsafe getter. */
  target?: Span;
}

/** `code` with its export getters made TDZ-tolerant; `ast` and `spans` are swc's parse of `code`. */
export function tolerateTdzInExports(code: string, ast: Module, spans: SpanText): string {
  const getters = ast.body.flatMap(exportGetters);
  if (getters.length === 0) return code;
  const bytes = Buffer.from(code, 'utf8'); // spans may come from a blanked copy of the same bytes
  const parts: Buffer[] = [];
  let at = 0;
  const edits = getters.flatMap(({ span, target }) => [
    { span, expect: 'return', before: 'try { ', after: ' } catch { return void 0; }' },
    // `(exports)`: Node's CommonJS lexer skips the statement instead of dropping the name.
    ...(target ? [{ span: target, expect: 'exports', before: '(', after: ')' }] : []),
  ]);
  for (const edit of edits.sort((a, b) => a.span.start - b.span.start)) {
    const start = spans.offset(edit.span.start);
    const end = spans.offset(edit.span.end);
    // An swc release that lays its output out differently: keep its code as it is (it loads, only
    // an early read in a cycle would throw again) rather than refuse every file.
    if (bytes.toString('utf8', start, start + edit.expect.length) !== edit.expect) return code;
    parts.push(bytes.subarray(at, start), Buffer.from(edit.before), bytes.subarray(start, end), Buffer.from(edit.after));
    at = end;
  }
  parts.push(bytes.subarray(at));
  return annotateExportNames(Buffer.concat(parts).toString('utf8'), getters.map((g) => g.name));
}

/** On the `"use strict";` line, so no line moves. swc annotates `_export(…)` files itself. */
function annotateExportNames(code: string, names: string[]): string {
  const directive = '"use strict";';
  const firstLineEnd = code.indexOf('\n');
  const at = code.indexOf(directive);
  if (code.includes('0 && (module.exports = {') || at < 0 || (firstLineEnd >= 0 && at > firstLineEnd)) return code;
  const keys = names.map((name) => `${/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name)}: null`).join(', ');
  const end = at + directive.length;
  return `${code.slice(0, end)} 0 && (module.exports = { ${keys} });${code.slice(end)}`;
}

/**
 * The export getters of one top-level statement if it is swc's export definition:
 *   Object.defineProperty(exports, "X", { enumerable: true, get: function() { return X; } });
 *   _export(exports, { get X () { return X; }, … });
 */
function exportGetters(statement: ModuleItem): ExportGetter[] {
  if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'CallExpression') return [];
  const [target, second, third] = statement.expression.arguments.map((a) => a.expression);
  if (target?.type !== 'Identifier' || target.value !== 'exports') return [];
  if (third === undefined && second?.type === 'ObjectExpression') {
    // _export(exports, { get X () { … } })
    return second.properties.flatMap((property) => {
      if (property.type !== 'GetterProperty') return [];
      const name = property.key.type === 'Identifier' || property.key.type === 'StringLiteral' ? property.key.value : undefined;
      return name === undefined ? [] : singleReturn(getterBody(property)?.stmts).map((span) => ({ name, span }));
    });
  }
  if (second?.type !== 'StringLiteral' || third?.type !== 'ObjectExpression') return [];
  const name = second.value;
  return third.properties.flatMap((property) =>
    property.type === 'KeyValueProperty' && property.key.type === 'Identifier' && property.key.value === 'get'
      ? functionReturn(property.value).map((span) => ({ name, span, target: target.span }))
      : [],
  );
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
