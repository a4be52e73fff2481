/**
 * Autogenerate, entities outside the default schema (issue 14): each set goes through the user's
 * loop (autogenerate on an empty database → upgrade → check clean → downgrade base → upgrade →
 * check clean).
 *
 * - PostgreSQL, a data source with `schema: 'app'` (not the search path's schema) and entities in a
 *   second schema `audit`: relations both ways, indices, uniques, many-to-many join tables in either
 *   schema, closure tables in both. TypeORM names a table in `app` bare for an entity and `app.x`
 *   when it reads it back; everything must land in `app` (our own tables too) and match.
 * - SQLite, `@Entity({ schema })`: SQLite has no schemas and TypeORM leaves the schema out of the
 *   table name; the table's foreign keys must still be created and read back.
 * - SQLite, `@Entity({ database })` (an attached database): refused with one line naming the entity.
 *
 * Needs PostgreSQL and SQLite.
 */
import { DIALECTS, withConnection } from './helpers/databases';
import { expectAutogenerateRoundTrip } from './helpers/autogenerate-round-trip';
import { projectPerTest } from './helpers/project';

const twoSchemas = `
import { Column, Entity, Index, JoinTable, ManyToMany, ManyToOne, PrimaryGeneratedColumn, Tree, TreeChildren, TreeParent, Unique } from 'typeorm';

@Entity({ name: 'account' })
export class Account {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column() email!: string;
  @Column({ type: 'enum', enum: ['user', 'admin'] }) role!: string;
  @ManyToOne(() => AuditLog, { nullable: true }) lastLog!: object | null;
}

@Entity({ name: 'log', schema: 'audit' })
@Unique(['kind', 'at'])
@Index(['at', 'kind'])
@Index('IDX_log_recent', ['at'], { where: '"at" > 0' })
export class AuditLog {
  @PrimaryGeneratedColumn() id!: number;
  @Column() kind!: string;
  @Column({ unique: true }) code!: string;
  @Column() at!: number;
  @ManyToOne(() => Account, { onDelete: 'CASCADE' }) account!: object;
  @ManyToMany(() => AuditTag) @JoinTable({ schema: 'audit' }) tags!: object[];
  @ManyToMany(() => Account) @JoinTable({ schema: 'app' }) watchers!: object[];
}

@Entity({ name: 'tag', schema: 'audit' })
export class AuditTag {
  @PrimaryGeneratedColumn() id!: number;
  @Index() @Column() name!: string;
}

@Entity({ name: 'category', schema: 'audit' })
@Tree('closure-table')
export class AuditCategory {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
  @TreeChildren() children!: AuditCategory[];
  @TreeParent() parent!: AuditCategory | null;
}

@Entity({ name: 'folder' })
@Tree('closure-table')
export class Folder {
  @PrimaryGeneratedColumn() id!: number;
  @TreeChildren() children!: Folder[];
  @TreeParent() parent!: Folder | null;
}
`;

describe('PostgreSQL: a data source schema that is not the search path, and a second schema', () => {
  const project = projectPerTest(DIALECTS.postgres);

  test('round-trips, with every table in its schema and tables of the default schema named bare', async () => {
    project.writeConfig({ entities: ['entities/*.ts'], schema: 'app' });
    project.write('entities/all.ts', twoSchemas);
    const revision = await expectAutogenerateRoundTrip(project);
    // Ops name the data source's schema the way entities do: not at all.
    expect(revision).not.toContain("'app.");
    expect(revision).toContain("referencedTableName: 'account'");

    const tables = await withConnection(project.db, (ds) =>
      ds.query(`SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema IN ('public', 'app', 'audit') ORDER BY 1`),
    );
    expect((tables as { name: string }[]).map((t) => t.name)).toEqual([
      'app.account',
      'app.entity_migrate_history',
      'app.entity_migrate_version',
      'app.folder',
      'app.folder_closure',
      'app.log_watchers_account',
      'audit.category',
      'audit.category_closure',
      'audit.log',
      'audit.log_tags_tag',
      'audit.tag',
    ]);
  });
});

describe('SQLite', () => {
  const project = projectPerTest(DIALECTS.sqlite);

  test("an entity's schema is left out of its table name, and its foreign keys are still created", async () => {
    project.writeConfig({ entities: ['entities/*.ts'] });
    project.write(
      'entities/all.ts',
      `
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'account', schema: 'app' })
export class Account {
  @PrimaryGeneratedColumn() id!: number;
  @Index() @Column() email!: string;
}

@Entity({ name: 'log', schema: 'audit' })
export class AuditLog {
  @PrimaryGeneratedColumn() id!: number;
  @Index() @Column() kind!: string;
  @ManyToOne(() => Account, { onDelete: 'CASCADE' }) account!: object;
  @ManyToOne(() => AuditLog, { nullable: true }) parent!: object | null;
}
`,
    );
    await expectAutogenerateRoundTrip(project);
    const keys = (await withConnection(project.db, (ds) => ds.query(`PRAGMA foreign_key_list("log")`))) as { table: string; from: string }[];
    expect(keys.map((k) => `${k.from} → ${k.table}`).sort()).toEqual(['accountId → account', 'parentId → log']);
  });

  test('an entity in an attached database is refused, by name, before anything is written', async () => {
    project.writeConfig({ entities: ['entities/*.ts'] });
    project.write(
      'entities/all.ts',
      `
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'account' })
export class Account {
  @PrimaryGeneratedColumn() id!: number;
}

@Entity({ name: 'log', database: 'archive.db' })
export class ArchivedLog {
  @PrimaryGeneratedColumn() id!: number;
  @Column() kind!: string;
}
`,
    );
    const result = await project.cli('revision', '--autogenerate', '-m', 'init');
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain("entity ArchivedLog: its table is in the attached SQLite database 'archive.db'");
    expect(project.revisionFiles()).toEqual([]);
  });
});
