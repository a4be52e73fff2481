/** `baseline` on MariaDB: the round trip of a hand-built schema (see helpers/baseline-scenario.ts). Needs MariaDB. */
import { describeBaselineRoundTrip } from './helpers/baseline-scenario';
import { mysqlCatalogSnapshot } from './helpers/catalog-snapshot-mysql';
import { createMysqlDatabase } from './helpers/databases';

describeBaselineRoundTrip({
  dialect: 'mysql',
  createDatabase: () => createMysqlDatabase('mariadb'),
  configFor: (db) => ({ type: 'mariadb', url: db.url }),
  // TypeORM writes a generated column the MariaDB way only for type 'mariadb'.
  urlFor: (db) => db.url.replace(/^mysql:/, 'mariadb:'),
  snapshot: mysqlCatalogSnapshot,
  tagEntity: `import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
@Entity('tag')
@Index('ix_tag_color', ['color'])
export class Tag {
  @PrimaryGeneratedColumn() id!: number;
  @Index('uq_tag_label', { unique: true }) @Column({ length: 50 }) label!: string;
  @Column({ length: 20, default: 'grey' }) color!: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) note!: string | null;
}
`,
});
