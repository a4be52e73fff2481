/**
 * MySQL and MariaDB build a SPATIAL index (`@Index({ spatial: true })`) only on geometry columns
 * that are NOT NULL: "All parts of a SPATIAL index must be NOT NULL", "Incorrect arguments to
 * SPATIAL INDEX". Such an index is refused before the revision is written instead of failing at
 * upgrade.
 */
import type { IndexRefusal, PlannedIndex } from '../dialect';

const GEOMETRY_TYPES = new Set([
  'geometry', 'point', 'linestring', 'polygon', 'multipoint', 'multilinestring', 'multipolygon', 'geometrycollection', 'geomcollection',
]);

export async function unbuildableSpatialIndexes(_db: unknown, planned: readonly PlannedIndex[]): Promise<(IndexRefusal | undefined)[]> {
  return planned.map(({ index, columns }): IndexRefusal | undefined => {
    if (!index.isSpatial) return undefined;
    const notGeometry = columns.find((c) => !GEOMETRY_TYPES.has(c.type.toLowerCase()));
    if (notGeometry) {
      return { column: notGeometry.name, reason: `a SPATIAL index needs a geometry column, and ${notGeometry.type} is not one; remove spatial: true` };
    }
    const nullable = columns.find((c) => c.isNullable !== false);
    if (nullable) {
      return { column: nullable.name, reason: 'MySQL and MariaDB build a SPATIAL index only on NOT NULL columns; declare the column nullable: false' };
    }
    return undefined;
  });
}
