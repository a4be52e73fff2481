/**
 * Autogenerate: a named partial index whose `where` changes. TypeORM's builder matches indices by
 * name and never compares predicates; autogenerate must still see the change, and must not report
 * one when only the database's spelling of the same predicate differs. Needs PostgreSQL and SQLite.
 */
import { DIALECTS } from './helpers/databases';
import { withProject } from './helpers/project';

const entity = (version: number, where: string) => `
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('task')
@Index('IX_task_open', ['title'], { where: ${JSON.stringify(where)} })
export class TaskV${version} {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 50 }) title!: string;
  @Column({ default: false }) done!: boolean;
}
`;

describe.each(Object.entries(DIALECTS))('a named partial index predicate on %s', (_name, createDatabase) => {
  test('a changed where is a drop + create; an unchanged one is no diff', async () => {
    await withProject(await createDatabase(), 'index-predicate', async (project) => {
      project.writeConfig({ entities: ['entities/*.ts'] });
      project.write('entities/v1.ts', entity(1, 'done = false'));
      expect((await project.cli('revision', '--autogenerate', '-m', 'tasks')).code).toBe(0);
      expect((await project.cli('upgrade', 'head')).code).toBe(0);
      expect((await project.cli('check')).code).toBe(0);

      project.remove('entities/v1.ts');
      project.write('entities/v2.ts', entity(2, 'done = true'));
      const pending = await project.cli('check', '--json');
      expect(pending.code).toBe(2);
      const ops = JSON.parse(pending.stdout).ops as { kind: string; index: { name: string; where?: string } }[];
      expect(ops.map((o) => [o.kind, o.index.name])).toEqual([
        ['dropIndex', 'IX_task_open'],
        ['createIndex', 'IX_task_open'],
      ]);
      expect(ops[1].index.where).toBe('done = true');
      expect((await project.cli('revision', '--autogenerate', '-m', 'closed tasks')).code).toBe(0);
      expect((await project.cli('upgrade', 'head')).code).toBe(0);
      expect((await project.cli('check')).code).toBe(0);
      expect((await project.cli('verify')).code).toBe(0);
    });
  });
});
