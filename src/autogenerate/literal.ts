/**
 * A small printer for TypeScript literals: plain data (specs, names) → source text that is valid
 * TS for any value, including names with quotes, spaces or non-ASCII characters. Strings use
 * single quotes (the house style) and fall back on JSON escapes for anything unusual.
 */

/** Keys that are valid identifiers print bare (`name:`), others quoted (`'my key':`). */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function stringLiteral(value: string): string {
  // JSON.stringify escapes control characters, backslashes and U+2028/2029 correctly for TS.
  const json = JSON.stringify(value);
  // SQL text such as the default `'0'` reads better as "'0'" than as '\'0\''.
  if (value.includes("'") && !value.includes('"')) return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** `__proto__` as a plain key would set the prototype; a computed key defines a property. */
function propertyKey(key: string): string {
  if (key === '__proto__') return `[${stringLiteral(key)}]`;
  return IDENTIFIER.test(key) ? key : stringLiteral(key);
}

export function literal(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const body = entries.map(([k, v]) => `${propertyKey(k)}: ${literal(v)}`).join(', ');
    return `{ ${body} }`;
  }
  throw new TypeError(`cannot render ${typeof value} as a literal`);
}
