/**
 * User text rendered into a revision file (`-m`, `--table`, a TypeORM migration's name) must stay
 * data: a carriage return, a quote or a comment's end (star, slash) in it once ended a string or
 * a comment early, so the file did not parse (and every later command failed) or ran the text.
 */

const SHORT_ESCAPES: Record<string, string> = { '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };

/**
 * `text` escaped so that it reads back unchanged inside any TypeScript string literal ('…', "…"
 * or `…`) and cannot end a comment it is placed in: no quote, backslash, `${`, line terminator
 * (\r, \n, U+2028, U+2029) or other control character is left as it is, and a star before a
 * slash gets the slash escaped (`\/`, which a string reads as `/`).
 */
export function stringContent(text: string): string {
  return text
    .replace(/[\\'"`$]/g, (ch) => `\\${ch}`)
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (ch) => SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\*\//g, '*\\/');
}

/** `text` as a single-quoted TypeScript string literal. */
export function stringLiteral(text: string): string {
  return `'${stringContent(text)}'`;
}
