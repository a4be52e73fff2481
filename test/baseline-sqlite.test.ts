/** `baseline` on SQLite: the round trip of a hand-built schema (see helpers/baseline-scenario.ts). */
import { describeBaselineRoundTrip } from './helpers/baseline-scenario';
import { sqliteCatalogSnapshot } from './helpers/catalog-snapshot-sqlite';
import { createSqliteDatabase, SQLITE_DRIVER, sqliteFile } from './helpers/databases';

describeBaselineRoundTrip({
  dialect: 'sqlite',
  createDatabase: createSqliteDatabase,
  // The driver of the run: better-sqlite3 on TypeORM 1.x, sqlite3 on the 0.3 run (whose projects
  // get the package installed against TypeORM 0.3, see helpers/install-package.ts).
  configFor: (db) => ({ type: SQLITE_DRIVER, database: sqliteFile(db) }),
  urlFor: (db) => db.url,
  snapshot: sqliteCatalogSnapshot,
  tagEntity: `import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
@Entity('tag')
@Index('ix_tag_color', ['color'])
@Unique('uq_tag_label', ['label'])
export class Tag {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 50 }) label!: string;
  @Column({ length: 20, default: 'grey' }) color!: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) note!: string | null;
}
`,
});
