/**
 * The .ts line and column of a position in a file we transpiled. Node's own source-map support
 * would do this for every stack, but it parses the inline map of every module as it loads (about
 * 0.2 ms a file: 100 ms for 500 revisions), so it is on only with --verbose; a load error's one
 * line maps its position here instead, once, from the transpiled code's inline map.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { transpile, type ModuleFormat } from './transpile';

const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/;

/**
 * `line` and `column` are 1-based, as in stack frames. Null for code swc generated (a helper),
 * which has no place in the source; undefined when there is nothing to map.
 */
export function originalPosition(
  file: string,
  line: number,
  column: number,
  format: ModuleFormat = 'commonjs',
): { line: number; column: number } | null | undefined {
  try {
    const code = transpile(file, readFileSync(file, 'utf8'), format);
    const inline = INLINE_MAP.exec(code);
    if (!inline) return undefined;
    const map = new SourceMap(JSON.parse(Buffer.from(inline[1], 'base64').toString('utf8')));
    const entry = map.findEntry(line - 1, column - 1) as { originalLine?: number; originalColumn?: number };
    if (entry.originalLine === undefined || entry.originalColumn === undefined) return null;
    return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  } catch {
    return undefined;
  }
}
