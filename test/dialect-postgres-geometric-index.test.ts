/**
 * Indexes on geometric (and other) columns that a B-tree cannot hold. PostgreSQL builds
 * `@Index({ spatial: true })` as GiST, and TypeORM 1.x's `@Index({ type })` with that method:
 * those round-trip (upgrade, `check` empty, verify). An index the database would refuse ("data
 * type point has no default operator class for access method btree") is refused by autogenerate
 * instead, in one line naming the entity, the column and what to write, before any file is written.
 * Needs PostgreSQL.
 */
import { createPostgresDatabase, withConnection, type TestDatabase } from './helpers/databases';
import { withProject } from './helpers/project';
import { typeormVersion } from '../src/typeorm-internals';

/** `@Index({ type })` exists on TypeORM 1.x only (0.3.x has no index methods but GiST for spatial). */
const HAS_INDEX_TYPE = typeormVersion().major >= 1;

const places = `
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('place')
export class Place {
  @PrimaryGeneratedColumn() id!: number;
  @Index('IX_place_location', { spatial: true }) @Column('point') location!: string;
  @Index('IX_place_area', { spatial: true }) @Column('box', { nullable: true }) area!: string | null;
  @Index('IX_place_zone', { spatial: true }) @Column('circle', { nullable: true }) zone!: string | null;
  @Index('IX_place_outline', { spatial: true }) @Column('polygon', { nullable: true }) outline!: string | null;
${
  HAS_INDEX_TYPE
    ? `  @Index('IX_place_pin', { type: 'spgist' }) @Column('point', { nullable: true }) pin!: string | null;
  @Index('IX_place_tags', { type: 'gin' }) @Column('jsonb', { nullable: true }) tags!: object | null;`
    : ''
}}
`;

async function indexMethods(db: TestDatabase): Promise<Record<string, string>> {
  return withConnection(db, async (ds) => {
    const rows = (await ds.query(
      `SELECT i.relname AS name, am.amname AS method FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam
        WHERE x.indrelid = 'place'::regclass AND NOT x.indisprimary`,
    )) as { name: string; method: string }[];
    return Object.fromEntries(rows.map((r) => [r.name, r.method]));
  });
}

describe('indexes on geometric columns, on postgres', () => {
  test('spatial (GiST) and method-typed indexes are built with their method and round-trip', async () => {
    const db = await createPostgresDatabase();
    await withProject(db, 'geometric-index', async (project) => {
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.write('entities/place.ts', places);
      expect(await project.cli('revision', '--autogenerate', '-m', 'places')).toMatchObject({ code: 0 });
      expect(await project.cli('upgrade', 'head')).toMatchObject({ code: 0, stderr: '' });
      expect(await indexMethods(db)).toEqual({
        IX_place_location: 'gist',
        IX_place_area: 'gist',
        IX_place_zone: 'gist',
        IX_place_outline: 'gist',
        ...(HAS_INDEX_TYPE && { IX_place_pin: 'spgist', IX_place_tags: 'gin' }),
      });
      expect(await project.cli('check')).toMatchObject({ code: 0 });
      expect(await project.cli('verify')).toMatchObject({ code: 0, stderr: '' });
    });
  });

  const refused: [string, string, RegExp][] = [
    [`@Index() @Column('point') location!: string;`, 'Spot.location (table "spot", column "location")', /btree index on point.*@Index\(\{ spatial: true \}\)/],
    [`@Column('point', { unique: true }) location!: string;`, 'Spot.location (table "spot", column "location")', /unique btree index on point.*remove the uniqueness/],
    [`@Index({ spatial: true }) @Column('line') edge!: string;`, 'Spot.edge (table "spot", column "edge")', /gist index on line.*remove the index/],
    [`@Index() @Column('json') data!: object;`, 'Spot.data (table "spot", column "data")', /btree index on json.*remove the index/],
  ];

  test.each(refused)('refused before anything is written: %s', async (declaration, names, reason) => {
    await withProject(await createPostgresDatabase(), 'geometric-index', async (project) => {
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.write(
        'entities/spot.ts',
        `import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
@Entity('spot')
export class Spot {
  @PrimaryGeneratedColumn() id!: number;
  ${declaration}
}
`,
      );
      const result = await project.cli('revision', '--autogenerate', '-m', 'spot');
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(names);
      expect(lines[0]).toMatch(reason);
      expect(project.revisionFiles()).toEqual([]);
    });
  });

  test('an index added later to an existing point column is refused the same way', async () => {
    await withProject(await createPostgresDatabase(), 'geometric-index', async (project) => {
      const spot = (index: string) => `import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
@Entity('spot')
export class Spot${index ? 2 : 1} {
  @PrimaryGeneratedColumn() id!: number;
  ${index} @Column('point') location!: string;
}
`;
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.write('entities/v1.ts', spot(''));
      expect(await project.cli('revision', '--autogenerate', '-m', 'spot')).toMatchObject({ code: 0 });
      expect(await project.cli('upgrade', 'head')).toMatchObject({ code: 0 });
      project.remove('entities/v1.ts');
      project.write('entities/v2.ts', spot(`@Index('IX_spot_location')`));
      const check = await project.cli('check');
      expect(check.code).toBe(1);
      expect(check.stderr.trim()).toMatch(/^error: index IX_spot_location on Spot2\.location \(table "spot", column "location"\): .*spatial: true/);
    });
  });
});
