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
