/**
 * swc's AST of just the statements of its output that we rewrite: export definitions
 * (`Object.defineProperty(exports, …)`, `_export(exports, {…})`) and decorator applications
 * (`_ts_decorate([…], …)`).
 *
 * Parsing the whole output costs more than compiling it (its inlined helpers make a large AST), so
 * every other line is blanked to spaces first: byte offsets and lines stay those of the output, and
 * the parse is a fraction. swc prints these statements from column 0 to a closing line at column 0;
 * should a future swc print them otherwise, the blanked text no longer parses and the whole output
 * is parsed instead.
 */
import type { Module } from '@swc/core';
import { SpanText } from './swc-spans';

const EXPORTS = /^(?:Object\.defineProperty\(exports, |_export\(exports, \{$)/;
const DECORATE = /^(?:[\w$]+ = )?_ts_decorate\(\[$/;
const END = /^(?:\}\);|\], .*\);)$/;

export function parseOutputStatements(swc: typeof import('@swc/core'), code: string): { ast: Module; spans: SpanText } {
  const kept = keepStatements(code);
  try {
    const ast = swc.parseSync(kept, { syntax: 'ecmascript' });
    return { ast, spans: new SpanText(kept, ast) };
  } catch {
    const ast = swc.parseSync(code, { syntax: 'ecmascript' });
    return { ast, spans: new SpanText(code, ast) };
  }
}

/**
 * `code` with every byte outside those statements turned into a space (newlines kept). Of a
 * decorator statement only its first and last lines are kept (`_ts_decorate([` … `], A.prototype,
 * "name", void 0);`): its target and its line span are all we need from it.
 */
function keepStatements(code: string): string {
  const bytes = Buffer.from(code, 'utf8');
  let inside: 'exports' | 'decorate' | undefined;
  let lineStart = 0;
  for (const line of code.split('\n')) {
    const length = Buffer.byteLength(line);
    const starts = inside ? undefined : EXPORTS.test(line) ? 'exports' : DECORATE.test(line) ? 'decorate' : undefined;
    const ends = (inside !== undefined || starts !== undefined) && (END.test(line) || /^Object\.defineProperty\(exports, .*\);$/.test(line));
    const keep = starts !== undefined || inside === 'exports' || (inside === 'decorate' && ends);
    if (!keep) bytes.fill(0x20, lineStart, lineStart + length);
    inside = ends ? undefined : (starts ?? inside);
    lineStart += length + 1;
  }
  return bytes.toString('utf8');
}
