/**
 * Two synchronized entities on one table (found on TypeORM's own data-source test, whose entity
 * folder holds v1/ and v2/ copies of Comment matched by one glob): TypeORM's schema builder diffs
 * the table against each, so `check` reported one's column dropped and the other's added right
 * after upgrade, forever. Now refused before comparing, naming the table, the classes and their
 * files. Single-table-inheritance children and `synchronize: false` read models share a table by
 * design and still compare clean. Built CLI; needs PostgreSQL and SQLite.
 */
import { DIALECTS, tableNames } from './helpers/databases';
import { projectPerTest } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';

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
    expect(await project.spawn('revision', '--autogenerate', '-m', 'init')).toMatchObject({ code: 0, stderr: '' });
    expect(await project.spawn('upgrade')).toMatchObject({ code: 0, stderr: '' });
    expect(await project.spawn('check')).toMatchObject({ code: 0, stdout: 'No changes detected: entities and database agree\n' });
    expect((await tableNames(project.db)).filter((t) => !t.startsWith('entity_migrate'))).toEqual(['comment', 'content']);
  });
});
