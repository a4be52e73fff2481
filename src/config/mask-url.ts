/**
 * Connection strings in messages, without their passwords. Every message that names a database
 * goes through here; nothing prints `options.password`.
 */
import { dialectForType } from '../dialects';

/**
 * `scheme://user:` — a password follows. It runs to the LAST `@`: TypeORM's URL parsing (and
 * WHATWG's) split user info from host there, so `p@ss@word` in an unencoded URL connects with the
 * whole of it. Masking to the first `@` would print its tail.
 */
const URL_USER = String.raw`[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:`;

/** One URL: the password may hold anything (`/`, quotes, `@`) up to its last `@`. */
const PASSWORD_OF_URL = new RegExp(`^(${URL_USER})(.*)@`, 'i');

/**
 * Every URL in a text: a URL ends at whitespace, so its password is what lies between `user:` and
 * the last `@` before the next whitespace (a driver may echo it unencoded, quotes and all).
 */
const PASSWORD_IN_TEXT = new RegExp(`(${URL_USER})\\S*@`, 'gi');

/** `postgres://user:secret@host:5432/db` → `postgres://user:***@host:5432/db`. */
export function maskUrl(url: string): string {
  // By hand rather than via `new URL`, so odd URLs (sqlite:, unencoded characters) survive as typed.
  return url.replace(PASSWORD_OF_URL, (_all, head: string, pass: string) => (pass === '' ? `${head}@` : `${head}***@`));
}

/** A URL's password as written and decoded (a driver may quote either), for `maskSecrets`. */
export function urlPasswords(url: unknown): string[] {
  if (typeof url !== 'string') return [];
  const raw = PASSWORD_OF_URL.exec(url)?.[2];
  if (!raw) return [];
  try {
    const decoded = decodeURIComponent(raw);
    return decoded === raw ? [raw] : [raw, decoded];
  } catch {
    return [raw];
  }
}

/**
 * Never let a password reach the terminal, whatever the driver put in its message: every URL's
 * password, and every occurrence of each of `secrets` (e.g. `options.password`). The CLI passes
 * every error line through here; the loader adds the configured password.
 */
export function maskSecrets(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = text.replace(PASSWORD_IN_TEXT, '$1***@');
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join('***');
  }
  return out;
}

interface TargetLike {
  type?: unknown;
  url?: unknown;
  host?: unknown;
  port?: unknown;
  username?: unknown;
  database?: unknown;
  schema?: unknown;
}

/**
 * One line naming the database: `postgres://app:***@db:5432/shop` or `better-sqlite3 ./blog.sqlite`.
 */
export function describeTarget(options: TargetLike): string {
  const type = typeof options.type === 'string' ? options.type : 'database';
  if (typeof options.url === 'string' && options.url) return maskUrl(options.url);
  const dialect = dialectForType(type);
  if (dialect?.connection.fileBased) {
    return `${type} ${typeof options.database === 'string' ? options.database : '(no database file)'}`;
  }
  const user = typeof options.username === 'string' && options.username ? `${options.username}@` : '';
  const host = typeof options.host === 'string' && options.host ? options.host : 'localhost';
  const port = typeof options.port === 'number' || typeof options.port === 'string' ? `:${options.port}` : '';
  const db = typeof options.database === 'string' ? `/${options.database}` : '';
  const scheme = dialect?.connection.displayScheme ?? type;
  return `${scheme}://${user}${host}${port}${db}`;
}
