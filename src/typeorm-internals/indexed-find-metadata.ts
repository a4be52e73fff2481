/**
 * `DataSource.findMetadata` (protected; behind `hasMetadata` and `getMetadata`) finds an entity by
 * class in a Map, but by table name in a scan of all entities. TypeORM's PostgreSQL runner asks by
 * table name for every column it loads (`isDefaultColumnLength`/`Precision`/`Scale`), so `check`
 * on 2,000 tables spent about 6 of its 20 CPU seconds in that scan, growing with the square of the
 * tables.
 *
 * Replaced on the instance: a string is looked up in an index built from the same Map in the same
 * order (the first entity whose name or table name is the string, or whose table path is, when it
 * has a dot), rebuilt whenever the data source's Map is replaced or changes size; every other
 * target goes to TypeORM's method.
 */
interface MetadataLike {
  name?: unknown;
  tableName?: unknown;
  tablePath?: unknown;
}

interface FindsMetadata {
  entityMetadatasMap?: Map<unknown, MetadataLike>;
  findMetadata?: (target: unknown) => MetadataLike | undefined;
}

interface NameIndex {
  map: Map<unknown, MetadataLike>;
  size: number;
  byName: Map<string, MetadataLike>;
  byPath: Map<string, MetadataLike>;
}

export function indexMetadataLookups(dataSource: object): void {
  const owner = dataSource as FindsMetadata;
  const find = owner.findMetadata;
  if (typeof find !== 'function' || !(owner.entityMetadatasMap instanceof Map)) return;
  let index: NameIndex | undefined;
  owner.findMetadata = function indexedFindMetadata(this: FindsMetadata, target: unknown) {
    const map = this.entityMetadatasMap;
    if (typeof target !== 'string' || !(map instanceof Map)) return find.call(this, target);
    const direct = map.get(target);
    if (direct) return direct;
    if (!index || index.map !== map || index.size !== map.size) index = nameIndex(map);
    return (target.includes('.') ? index.byPath : index.byName).get(target);
  };
}

/** The first entity, in the Map's order, for each name, table name and table path. */
function nameIndex(map: Map<unknown, MetadataLike>): NameIndex {
  const byName = new Map<string, MetadataLike>();
  const byPath = new Map<string, MetadataLike>();
  const first = (into: Map<string, MetadataLike>, key: unknown, metadata: MetadataLike) => {
    if (typeof key === 'string' && !into.has(key)) into.set(key, metadata);
  };
  for (const metadata of map.values()) {
    first(byName, metadata.name, metadata);
    first(byName, metadata.tableName, metadata);
    first(byPath, metadata.tablePath, metadata);
  }
  return { map, size: map.size, byName, byPath };
}
