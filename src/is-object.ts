/**
 * `{…}`-like values: an object that is not null and not an array (class instances included).
 * Shared by the op API's argument checks, the config reader and the data-source export reader.
 *
 * Two checks elsewhere differ on purpose: resolve-config.ts `isPlainObject` also requires
 * Object's own prototype (a config value must be plain data, not e.g. a DataSource), and
 * connection-settings.ts accepts any non-null object for `replication` (what TypeORM reads).
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
