/**
 * Connection strings in messages, without their passwords. Every message that names a database
 * goes through here; nothing prints `options.password`.
 */
import { dialectForType } from '../dialects';

/** `postgres://user:secret@host:5432/db` → `postgres://user:***@host:5432/db`. */
export function maskUrl(url: string): string {
  // By hand rather than via `new URL`, so odd URLs (sqlite:, unencoded characters) survive as typed.
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*):([^@/?#]*)@/i, (_all, head: string, pass: string) =>
    pass === '' ? `${head}:@` : `${head}:***@`,
  );
}

/**
 * `scheme://user:password@` anywhere in a text. The password runs to the first `@` and may hold
 * any other character (`/`, quotes), so what a driver echoes unencoded is masked too.
 */
const PASSWORD_IN_URL = /([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/gi;

/**
 * Never let a password reach the terminal, whatever the driver put in its message: every URL's
 * password, and every occurrence of each of `secrets` (e.g. `options.password`). The CLI passes
 * every error line through here; the loader adds the configured password.
 */
export function maskSecrets(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = text.replace(PASSWORD_IN_URL, '$1***@');
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
