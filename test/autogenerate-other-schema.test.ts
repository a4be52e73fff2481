/**
 * Autogenerate, entities outside the default schema (issue 14): each set goes through the user's
 * loop (autogenerate on an empty database → upgrade → check clean → downgrade base → upgrade →
 * check clean).
 *
 * - PostgreSQL, a data source with `schema: 'app'` (not the search path's schema) and entities in a
 *   second schema `audit`: relations both ways, indices, uniques, many-to-many join tables in either
 *   schema, closure tables in both (one with its closure table in the other schema). TypeORM names a table in `app` bare for an entity and `app.x`
 *   when it reads it back; everything must land in `app` (our own tables too, and rows a revision
 *   seeds with bulkInsert) and match.
 * - PostgreSQL, the same table name in two schemas: TypeORM gives both the same constraint names
 *   and read each one's constraints with the other's columns too.
 * - SQLite, `@Entity({ schema })`: SQLite has no schemas and TypeORM leaves the schema out of the
 *   table name; the table's foreign keys must still be created and read back.
 * - SQLite, `@Entity({ database })` (an attached database): refused with one line naming the entity.
 *
 * Needs PostgreSQL and SQLite.
 */
import { DIALECTS, withConnection } from './helpers/databases';
import { expectAutogenerateRoundTrip } from './helpers/round-trip';
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
@Tree('closure-table', { closureTableSchema: 'audit' })
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
      'app.log_watchers_account',
      'audit.category',
      'audit.category_closure',
      'audit.folder_closure',
      'audit.log',
      'audit.log_tags_tag',
      'audit.tag',
    ]);
  });

  test("a hand-written revision's bulkInsert and bulkDelete on a bare name use the data source's schema", async () => {
    project.writeConfig({ entities: ['entities/*.ts'], schema: 'app' });
    project.write('entities/all.ts', `import { Column, Entity, PrimaryColumn } from 'typeorm';\n@Entity('plan') export class Plan { @PrimaryColumn() code!: string; @Column() name!: string; }\n`);
    expect((await project.cli('revision', '--autogenerate', '-m', 'plans', '--rev-id', 'aaaa00000001')).code).toBe(0);
    project.writeRevision(
      'aaaa00000002',
      'aaaa00000001',
      `await op.bulkInsert('plan', [{ code: 'free', name: 'Free' }, { code: 'pro', name: 'Pro' }]);\n  await op.bulkDelete('plan', [{ code: 'free' }]);`,
      `await op.bulkDelete('plan', [{ code: 'pro' }]);`,
      'seed plans',
    );
    expect(await project.cli('upgrade', 'head')).toMatchObject({ code: 0, stderr: '' });
    expect(await withConnection(project.db, (ds) => ds.query(`SELECT code FROM app.plan`))).toEqual([{ code: 'pro' }]);
  });
});

/** The same table in both schemas, with the same relation (so the same constraint names); v2 drops the relation in `audit`. */
const sameTableTwice = (version: 1 | 2) => `
import { Column, Entity, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity({ name: 'owner' })
export class Owner${version} {
  @PrimaryGeneratedColumn() id!: number;
}

@Entity({ name: 'child' })
@Unique(['code'])
export class Child${version} {
  @PrimaryGeneratedColumn() id!: number;
  @Column() code!: string;
  @ManyToOne(() => Owner${version}, { nullable: true }) owner!: object | null;
}

@Entity({ name: 'child', schema: 'audit' })
@Unique(['code'])
export class AuditChild${version} {
  @PrimaryGeneratedColumn() id!: number;
  @Column() code!: string;
${version === 1 ? `  @ManyToOne(() => Owner${version}, { nullable: true }) owner!: object | null;` : `  @Column({ type: 'integer', nullable: true }) ownerId!: number | null;`}
}
`;

describe('PostgreSQL: the same table name in two schemas', () => {
  const project = projectPerTest(DIALECTS.postgres);

  test('a constraint dropped from one is dropped with its own columns, and the downgrade restores it', async () => {
    project.writeConfig({ entities: ['entities/*.ts'] });
    project.write('entities/v1.ts', sameTableTwice(1));
    await expectAutogenerateRoundTrip(project);
    // A changed entity goes to a new file: the CLI runs in-process and jest caches modules by path.
    project.remove('entities/v1.ts');
    project.write('entities/v2.ts', sameTableTwice(2));
    const revision = await project.cli('revision', '--autogenerate', '-m', 'audit child loses its owner');
    expect(revision.code).toBe(0);
    expect(project.read(revision.stdout.trim())).toContain("await op.dropForeignKey('audit.child', { name: 'FK_f75b923636aba1da1be9145d7b5', columnNames: ['ownerId'], referencedTableName: 'owner', referencedColumnNames: ['id']");
    for (const args of [['upgrade', 'head'], ['downgrade', 'base'], ['upgrade', 'head']]) {
      const { code, stderr } = await project.cli(...args);
      expect({ command: args.join(' '), code, stderr }).toEqual({ command: args.join(' '), code: 0, stderr: '' });
    }
    expect((await project.cli('check')).stdout).toBe('No changes detected: entities and database agree\n');
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
