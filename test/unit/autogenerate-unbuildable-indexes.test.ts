/**
 * Which indexes a revision's ops would create (the input of the dialect's unbuildable-index
 * check), and MySQL's SPATIAL rule on them. No database.
 */
import { plannedIndexes } from '../../src/autogenerate/passes/unbuildable-indexes';
import { unbuildableSpatialIndexes } from '../../src/dialects/mysql/spatial-indexes';
import type { ColumnSpec, Op } from '../../src/ops/types';

const point: ColumnSpec = { name: 'location', type: 'point', isNullable: false };
const name: ColumnSpec = { name: 'name', type: 'varchar', isNullable: true, isUnique: true };
const id: ColumnSpec = { name: 'id', type: 'integer', isPrimary: true, isUnique: true, isNullable: false };

test('indices, uniques and unique columns of created tables, created indices and uniques, unique added columns', () => {
  const ops: Op[] = [
    {
      kind: 'createTable',
      table: {
        name: 'place',
        columns: [id, point, name],
        indices: [{ name: 'IX_loc', columnNames: ['location'], isSpatial: true }],
        uniques: [{ name: 'UQ_both', columnNames: ['name', 'location'] }],
      },
    },
    { kind: 'createIndex', table: 'spot', index: { name: 'IX_spot', columnNames: ['location'] } },
    { kind: 'createUnique', table: 'spot', unique: { name: 'UQ_spot', columnNames: ['location'] } },
    { kind: 'addColumn', table: 'spot', column: { ...name, name: 'code' } },
  ];
  // What the entities declare, for tables the ops do not create.
  const spot = [{ ...point, isNullable: true }];
  const planned = plannedIndexes(ops, (table) => (table === 'spot' ? spot : []));
  expect(planned).toEqual([
    { table: 'place', index: { name: 'IX_loc', columnNames: ['location'], isSpatial: true }, columns: [point] },
    { table: 'place', index: { name: 'UQ_both', columnNames: ['name', 'location'], isUnique: true }, columns: [name, point] },
    { table: 'place', index: { columnNames: ['name'], isUnique: true }, columns: [name] },
    { table: 'spot', index: { name: 'IX_spot', columnNames: ['location'] }, columns: spot },
    { table: 'spot', index: { name: 'UQ_spot', columnNames: ['location'], isUnique: true }, columns: spot },
    { table: 'spot', index: { columnNames: ['code'], isUnique: true }, columns: [{ ...name, name: 'code' }] },
  ]);
});

test('MySQL: a SPATIAL index needs NOT NULL geometry columns', async () => {
  const spatial = { columnNames: ['location'], isSpatial: true };
  const refusals = await unbuildableSpatialIndexes(undefined, [
    { table: 't', index: spatial, columns: [point] },
    { table: 't', index: spatial, columns: [{ ...point, isNullable: true }] },
    { table: 't', index: { ...spatial, columnNames: ['name'] }, columns: [name] },
    { table: 't', index: { columnNames: ['location'] }, columns: [{ ...point, isNullable: true }] },
  ]);
  expect(refusals.map((r) => r && r.column)).toEqual([undefined, 'location', 'name', undefined]);
  expect(refusals[1]?.reason).toMatch(/NOT NULL/);
  expect(refusals[2]?.reason).toMatch(/varchar is not one/);
});
