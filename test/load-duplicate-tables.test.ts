/**
 * Two synchronized entities on one table (found on TypeORM's own data-source test, whose entity
 * folder holds v1/ and v2/ copies of Comment matched by one glob): TypeORM's schema builder diffs
 * the table against each, so `check` reported one's column dropped and the other's added right
 * after upgrade, forever. Now refused before comparing, naming the table, the classes and their
 * files; as are two properties of one entity in one column (the revision failed at upgrade). Single-table-inheritance children and `synchronize: false` read models share a table by
 * design and still compare clean. Built CLI; needs PostgreSQL and SQLite.
 */
import { DIALECTS, tableNames } from './helpers/databases';
import { projectPerTest } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';
import { withoutChangeSummary } from './helpers/round-trip';

beforeAll(() => ensureBuilt(), 120_000);

function comment(column: string, options = ''): string {
  return `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('comment'${options})
export class Comment {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ nullable: true })
  ${column}!: number;
}
`;
}

describe.each(Object.entries(DIALECTS))('entities sharing a table, on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'duplicate-tables');

  test('two copies of one entity in two folders: refused, naming table, classes and files; nothing written', async () => {
    project.writeConfig({ entities: ['src/entity/**/*.ts'] });
    project.write('src/entity/v1/comment.ts', comment('relayId'));
    project.write('src/entity/v2/comment.ts', comment('relay'));
    const expected =
      'error: 2 entities map to table comment: Comment, Comment (in src/entity/v1/comment.ts, src/entity/v2/comment.ts); keep one (or mark the others synchronize: false) so the comparison has one definition of the table\n';
    for (const args of [['revision', '--autogenerate', '-m', 'oops'], ['check']]) {
      expect({ args, ...(await project.spawn(...args)) }).toMatchObject({ args, code: 1, stdout: '', stderr: expected });
    }
    expect(project.revisionFiles()).toEqual([]);
    expect(await tableNames(project.db)).toEqual([]);
  });

  // Found on TypeORM's own single-table/no-type-column test set: subclasses each with @Entity('person').
  test('subclasses each mapped to the base table with @Entity: refused, suggesting @TableInheritance and @ChildEntity', async () => {
    project.writeConfig({ entities: ['src/entity/*.ts'] });
    project.write(
      'src/entity/person.ts',
      `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('person')
export class Person {
  @PrimaryGeneratedColumn()
  id!: number;
}

@Entity('person')
export class Author extends Person {
  @Column({ nullable: true })
  penName!: string;
}
`,
    );
    const result = await project.spawn('check');
    expect(result).toMatchObject({
      code: 1,
      stderr:
        'error: 2 entities map to table person: Person, Author (in src/entity/person.ts); for subclasses stored in one table, put @TableInheritance() on the base entity and @ChildEntity() on the subclasses instead of @Entity\n',
    });
  });

  test('two properties stored in one column: refused, naming entity, properties and column', async () => {
    project.writeConfig({ entities: ['src/entity/*.ts'] });
    project.write(
      'src/entity/profile.ts',
      `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export class Settings {
  @Column({ type: 'text', nullable: true })
  data!: string;
}

@Entity('owner')
export class Owner {
  @PrimaryGeneratedColumn()
  id!: number;
}

@Entity('profile')
export class Profile {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'data', type: 'text', nullable: true })
  raw!: string;

  @Column(() => Settings, { prefix: false })
  settings!: Settings;

  // A relation and its join column as a property of its own share one column by design.
  @Column({ nullable: true })
  ownerId!: number;

  @ManyToOne(() => Owner, { nullable: true })
  owner!: Owner;
}
`,
    );
    const result = await project.spawn('revision', '--autogenerate', '-m', 'profile');
    expect(result).toMatchObject({
      code: 1,
      stderr: 'error: entity Profile stores raw and settings.data in one column "data" of table profile; give each its own column name (or an embedded its prefix)\n',
    });
    expect(project.revisionFiles()).toEqual([]);
  });

  test('a synchronize: false read model and single-table-inheritance children share a table and compare clean', async () => {
    project.writeConfig({ entities: ['src/entity/*.ts'] });
    project.write('src/entity/comment.ts', comment('relayId'));
    project.write('src/entity/comment-view.ts', comment('relayId', ', { synchronize: false }').replace('class Comment', 'class CommentReadModel'));
    project.write(
      'src/entity/content.ts',
      `import { ChildEntity, Column, Entity, PrimaryGeneratedColumn, TableInheritance } from 'typeorm';

@Entity('content')
@TableInheritance({ column: { type: 'varchar', name: 'kind' } })
export class Content {
  @PrimaryGeneratedColumn()
  id!: number;
}

@ChildEntity()
export class Photo extends Content {
  @Column({ nullable: true })
  size!: number;
}

@ChildEntity()
export class Note extends Content {
  @Column({ nullable: true })
  body!: string;
}
`,
    );
    const revision = await project.spawn('revision', '--autogenerate', '-m', 'init');
    expect({ ...revision, stderr: withoutChangeSummary(revision.stderr) }).toMatchObject({ code: 0, stderr: '' });
    expect(await project.spawn('upgrade')).toMatchObject({ code: 0, stderr: '' });
    expect(await project.spawn('check')).toMatchObject({ code: 0, stdout: 'No changes detected: entities and database agree\n' });
    expect((await tableNames(project.db)).filter((t) => !t.startsWith('entity_migrate'))).toEqual(['comment', 'content']);
  });
});
