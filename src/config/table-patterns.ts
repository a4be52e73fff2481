/**
 * `include` / `exclude` as written in the config (or handed to `createMigrator`): lists of
 * table-name patterns. What they match is autogenerate's business (autogenerate/table-filter.ts).
 */
export interface TablePatterns {
  /** Only tables matching one of these (default: every table). */
  include?: readonly string[];
  /** Never tables matching one of these (wins over include). */
  exclude?: readonly string[];
}

/** Why a value cannot be a pattern list, or undefined when it can. */
export function invalidTablePatterns(key: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.every((p) => typeof p === 'string' && p.trim() !== '')) return undefined;
  return `"${key}" must be a list of table-name patterns (strings; * and ? are wildcards), got ${JSON.stringify(value) ?? String(value)}`;
}
