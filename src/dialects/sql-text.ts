/** Quoting and literal helpers the dialect files share; each dialect picks its own spelling. */

/** Quote an identifier by doubling the quote character inside it. */
export function quoteWith(quote: string, name: string): string {
  return `${quote}${name.split(quote).join(quote + quote)}${quote}`;
}

/** `schema.table` → each part quoted. */
export function quotePath(quoteIdentifier: (name: string) => string, name: string): string {
  return name.split('.').map(quoteIdentifier).join('.');
}

export function quoteString(value: string, escapeBackslashes = false): string {
  const escaped = escapeBackslashes ? value.replace(/\\/g, '\\\\') : value;
  return `'${escaped.replace(/'/g, "''")}'`;
}

/** `2026-01-02 03:04:05.678` in UTC: what TypeORM stores for datetime on SQLite and MySQL. */
export function utcDateTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

export interface LiteralSpelling {
  boolean(value: boolean): string;
  date(value: Date): string;
  bytes(value: Uint8Array): string;
  string(value: string): string;
}

/** The literal rules common to every dialect; the spelling differs only for a few types. */
export function renderLiteral(value: unknown, spelling: LiteralSpelling): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return spelling.boolean(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as an SQL literal`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return spelling.string(value);
  if (value instanceof Date) return spelling.date(value);
  if (value instanceof Uint8Array) return spelling.bytes(value);
  // Arrays and plain objects are written as JSON (json/jsonb/simple-json columns).
  return spelling.string(JSON.stringify(value));
}

/**
 * SQLite's and MySQL's literals: booleans as 1/0, dates as the UTC text TypeORM stores, bytes as
 * X'…'; strings as `string` spells them.
 */
export function textualLiterals(string: (value: string) => string): LiteralSpelling {
  return {
    boolean: (b) => (b ? '1' : '0'),
    date: (d) => quoteString(utcDateTime(d)),
    bytes: (bytes) => `X'${Buffer.from(bytes).toString('hex')}'`,
    string,
  };
}

/**
 * Where the quoted text ('…', "…", `…`, and with `brackets` SQLite's […]) or comment that starts at
 * `at` ends (the index after it), or `at` itself when none starts there.
 */
export function skipQuoted(text: string, at: number, brackets = false): number {
  const ch = text[at];
  const close = brackets && ch === '[' ? ']' : ch === "'" || ch === '"' || ch === '`' ? ch : undefined;
  if (close) {
    // A doubled quote inside ('it''s') closes and reopens: the same as reading on.
    const end = text.indexOf(close, at + 1);
    return end < 0 ? text.length : end + 1;
  }
  if (text.startsWith('--', at)) {
    const end = text.indexOf('\n', at);
    return end < 0 ? text.length : end + 1;
  }
  if (text.startsWith('/*', at)) {
    const end = text.indexOf('*/', at + 2);
    return end < 0 ? text.length : end + 2;
  }
  return at;
}

/**
 * The index of the parenthesis that closes the one at `open`, reading SQL as the database does:
 * parentheses inside quoted text and comments do not count (see {@link skipQuoted}). -1 when it
 * never closes.
 */
export function closingParenthesis(text: string, open: number, brackets = false): number {
  let depth = 0;
  for (let i = open; i < text.length; ) {
    const next = skipQuoted(text, i, brackets);
    if (next !== i) {
      i = next;
      continue;
    }
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
    i++;
  }
  return -1;
}

