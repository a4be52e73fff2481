/**
 * Entity models TypeORM accepts but no schema can match: autogenerate would write a revision
 * that fails, or `check` would never settle. Refused before comparing, with the entities named.
 */
import type { DataSource, EntityMetadata } from 'typeorm';
import { ConfigError } from '../errors';

/** ` (in a.ts, b.ts)`: the files that export one of the entity classes `names`, or ''. */
export type FilesOf = (names: string[]) => string;

export function assertNoEntityConflicts(dataSource: DataSource, filesOf: FilesOf): void {
  assertOneEntityPerTable(dataSource, filesOf);
  assertOneColumnPerName(dataSource);
}

/**
 * Two synchronized entities mapping one table (a class copied into a second folder both matched by
 * the glob, a renamed class whose old file stayed) make TypeORM's schema builder diff the table
 * against each in turn, so every `check` would report one's columns dropped and the other's added.
 * Single-table-inheritance children share their parent's table by design, as may a many-to-many
 * junction and an entity written for its table; an entity with `synchronize: false` (a read model
 * over part of a table) is not compared. None of these counts.
 */
function assertOneEntityPerTable(dataSource: DataSource, filesOf: FilesOf): void {
  const byTable = new Map<string, EntityMetadata[]>();
  for (const metadata of dataSource.entityMetadatas) {
    // A many-to-many's junction table may have an entity of its own (to query it directly); the
    // merge-column-alters pass reconciles the two descriptions, the entity's types winning.
    if (metadata.synchronize === false || metadata.tableType === 'entity-child' || metadata.tableType === 'junction') continue;
    byTable.set(metadata.tablePath, [...(byTable.get(metadata.tablePath) ?? []), metadata]);
  }
  for (const [table, metadatas] of byTable) {
    if (metadatas.length < 2) continue;
    const names = metadatas.map((m) => m.targetName || m.name);
    const files = filesOf(names);
    const fix = subclassing(metadatas)
      ? 'for subclasses stored in one table, put @TableInheritance() on the base entity and @ChildEntity() on the subclasses instead of @Entity'
      : 'keep one (or mark the others synchronize: false) so the comparison has one definition of the table';
    throw new ConfigError('DUPLICATE_ENTITY_TABLE', `${names.length} entities map to table ${table}: ${names.join(', ')}${files}; ${fix}`);
  }
}

/** Whether one of the entities' classes extends another's (single-table inheritance written with @Entity). */
function subclassing(metadatas: readonly EntityMetadata[]): boolean {
  const classes = metadatas.map((m) => m.target).filter((t): t is Function => typeof t === 'function');
  return classes.some((a) => classes.some((b) => a !== b && a.prototype instanceof b));
}

/**
 * Two properties of one entity stored in one column (`name: 'data'` twice, an embedded with
 * `prefix: false` repeating a column of its parent): TypeORM's createTable then writes the
 * column twice and the revision fails at upgrade ("column "data" specified more than once").
 */
function assertOneColumnPerName(dataSource: DataSource): void {
  for (const metadata of dataSource.entityMetadatas) {
    // Single-table inheritance gathers the children's columns into one table, where TypeORM itself
    // decides which property owns a shared column.
    if (metadata.synchronize === false || metadata.tableType === 'view' || metadata.tableType === 'entity-child' || metadata.inheritancePattern === 'STI') continue;
    const byName = new Map<string, string[]>();
    for (const column of metadata.columns) {
      byName.set(column.databaseName, [...(byName.get(column.databaseName) ?? []), column.propertyPath]);
    }
    for (const [column, properties] of byName) {
      if (properties.length < 2) continue;
      throw new ConfigError(
        'DUPLICATE_ENTITY_COLUMN',
        `entity ${metadata.targetName || metadata.name} stores ${properties.join(' and ')} in one column "${column}" of table ${metadata.tablePath}; give each its own column name (or an embedded its prefix)`,
      );
    }
  }
}
