/**
 * MariaDB's SPATIAL indexes (`@Index({ spatial: true })`) need NOT NULL geometry columns ("All parts
 * of a SPATIAL index must be NOT NULL"): such an index on a nullable column is refused by
 * autogenerate in one line naming the entity and column, before any file is written; on a NOT NULL
 * one it round-trips. Needs MariaDB.
 */
import { createMysqlDatabase } from './helpers/databases';
import { withProject } from './helpers/project';

describe('SPATIAL indexes, on mariadb', () => {
  const spatial = (nullable: boolean) => `import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
@Entity('place')
export class Place {
  @PrimaryGeneratedColumn() id!: number;
  @Index('IX_place_location', { spatial: true }) @Column('point', { nullable: ${nullable} }) location!: string;
}
`;

  test('on a NOT NULL point column it round-trips; on a nullable one it is refused with one line', async () => {
    await withProject(await createMysqlDatabase(), 'spatial-index', async (project) => {
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.write('entities/nullable.ts', spatial(true));
      const refused = await project.cli('revision', '--autogenerate', '-m', 'places');
      expect(refused.code).toBe(1);
      expect(refused.stderr.trim()).toBe(
        'error: index IX_place_location on Place.location (table "place", column "location"): MySQL and MariaDB build a SPATIAL index only on NOT NULL columns; declare the column nullable: false',
      );
      expect(project.revisionFiles()).toEqual([]);
    });
    await withProject(await createMysqlDatabase(), 'spatial-index', async (project) => {
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.write('entities/not-null.ts', spatial(false));
      expect(await project.cli('revision', '--autogenerate', '-m', 'places')).toMatchObject({ code: 0 });
      expect(await project.cli('upgrade', 'head')).toMatchObject({ code: 0 });
      expect(await project.cli('check')).toMatchObject({ code: 0 });
      expect(await project.cli('verify')).toMatchObject({ code: 0 });
    });
  });
});
