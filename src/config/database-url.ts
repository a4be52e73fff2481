/**
 * A database URL (`--url`, `DATABASE_URL`, or `url` in the config) as TypeORM options.
 */
import { dialectForUrlScheme, DIALECTS, type UrlConnectionOptions } from '../dialects';
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
  const dialect = scheme === undefined ? undefined : dialectForUrlScheme(scheme);
  if (scheme !== undefined && dialect) return dialect.connection.fromUrl(url, scheme, cwd);
  const examples = DIALECTS.flatMap((d) => d.connection.urlExamples);
  throw new EntityMigrateError(
    'UNSUPPORTED_DRIVER',
    `${from} ${maskUrl(url)}: unsupported scheme${scheme ? ` '${scheme}:'` : ''}; use ${examples.slice(0, -1).join(', ')} or ${examples[examples.length - 1]}`,
  );
}
