/**
 * Autogenerate: a generated column whose expression differs from the entity's in wording only is
 * no diff. TypeORM compares the entity's text with the one its typeorm_metadata table records, which
 * for a column made by hand and adopted with `baseline` is the database's own: PostgreSQL keeps
 * `lower(name)` on a varchar as `lower((name)::text)`, and the builder dropped and re-added the
 * column (a table rewrite, flagged destructive) on every run. A real change of expression is still
 * one. In-process CLI; needs PostgreSQL, SQLite and MariaDB.
 */
import { createMysqlDatabase, DIALECTS, withConnection } from './helpers/databases';
import { projectPerTest, type TestProject } from './helpers/project';

const TABLE = {
  postgres: `CREATE TABLE person (id serial PRIMARY KEY, name varchar(40) NOT NULL, handle varchar(40) GENERATED ALWAYS AS (lower(name)) STORED)`,
  sqlite: `CREATE TABLE "person" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(40) NOT NULL, "handle" varchar(40) GENERATED ALWAYS AS (lower( name )) STORED)`,
  // MariaDB keeps it as lcase(`name`).
  mariadb: 'CREATE TABLE person (id int AUTO_INCREMENT PRIMARY KEY, name varchar(40) NOT NULL, handle varchar(40) AS (lower(name)) STORED)',
};

const entity = (expression: string) => `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity('person')
export class Person {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 40 }) name!: string;
  @Column({ type: 'varchar', length: 40, generatedType: 'STORED', asExpression: '${expression}', nullable: true }) handle!: string | null;
}
`;

async function pendingOps(project: TestProject): Promise<string[]> {
  const result = await project.cli('check', '--json');
  return (JSON.parse(result.stdout) as { ops: { kind: string; column?: string | { name: string } }[] }).ops.map(
    (op) => `${op.kind} ${typeof op.column === 'string' ? op.column : (op.column?.name ?? '')}`.trim(),
  );
}

describe.each([...Object.entries(DIALECTS), ['mariadb', createMysqlDatabase] as const])('generated expressions on %s', (name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'generated-expressions');

  beforeEach(async () => {
    await withConnection(project.db, (ds) => ds.query(TABLE[name as keyof typeof TABLE]));
    project.writeConfig({ entities: ['entities/*.ts'], ...(name === 'mariadb' ? { type: 'mariadb' } : {}) });
    expect((await project.cli('baseline', '-m', 'adopt')).code).toBe(0);
  });

  test('the same expression in other words: no diff', async () => {
    project.write('entities/person.ts', entity('lower(name)'));
    expect(await pendingOps(project)).toEqual([]);
  });

  test('another expression: the column is re-made', async () => {
    project.write('entities/person.ts', entity('upper(name)'));
    const ops = await pendingOps(project);
    expect(ops).toContain('addColumn handle');
    expect(ops).toContain('dropColumn handle');
  });
});
