/** `baseline` on SQLite: the round trip of a hand-built schema (see helpers/baseline-scenario.ts). */
import { describeBaselineRoundTrip } from './helpers/baseline-scenario';
import { sqliteCatalogSnapshot } from './helpers/catalog-snapshot-sqlite';
import { createSqliteDatabase, sqliteFile } from './helpers/databases';

describeBaselineRoundTrip({
  dialect: 'sqlite',
  createDatabase: createSqliteDatabase,
  // The spawned CLI resolves the repository's TypeORM (1.x) even in the 0.3 step, which maps
  // typeorm only inside jest: so better-sqlite3 here (TODO: an in-process run for 0.3).
  configFor: (db) => ({ type: 'better-sqlite3', database: sqliteFile(db) }),
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
