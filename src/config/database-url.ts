/**
 * A database URL (`--url`, `DATABASE_URL`, or `url` in the config) as TypeORM options.
 */
import { connectionForUrlScheme, DIALECT_CONNECTIONS, type UrlConnectionOptions } from '../dialects';
import { EntityMigrateError } from '../errors';
import { maskUrl } from './mask-url';

export type { UrlConnectionOptions };

/**
 * The dialect whose URL schemes include this one builds the options: `postgres://`/`postgresql://`
 * → postgres; `mysql://` → mysql; `mariadb://` → mariadb; `sqlite:/abs.db`, `sqlite:rel.db`,
 * `sqlite:///abs.db`, `sqlite::memory:`, `file:…` → the SQLite driver of the installed TypeORM
 * (relative paths start at `cwd`).
 */
export function parseDatabaseUrl(url: string, cwd: string, from = 'URL'): UrlConnectionOptions {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const connection = scheme === undefined ? undefined : connectionForUrlScheme(scheme);
  if (scheme !== undefined && connection) return connection.fromUrl(url, scheme, cwd);
  const examples = DIALECT_CONNECTIONS.flatMap((c) => c.urlExamples);
  throw new EntityMigrateError(
    'UNSUPPORTED_DRIVER',
    `${from} ${maskUrl(url)}: unsupported scheme${scheme ? ` '${scheme}:'` : ''}; use ${examples.slice(0, -1).join(', ')} or ${examples[examples.length - 1]}`,
  );
}
