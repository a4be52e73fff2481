/**
 * Entity sources for the creation-order tests: many-to-many shapes added to existing entities, a
 * junction table that an entity maps as well (so the schema builder creates its indices apart
 * from the table), and a new table whose foreign key points at a column the same revision adds or
 * makes unique. `v1` is the schema before, `v2` after; each file holds all the classes.
 */
import type { TestProject } from './project';

const IMPORTS = `import { Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';`;

export const junctionV1 = `${IMPORTS}

@Entity('category')
export class Category1 {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 40 }) name!: string;
}

@Entity('post')
export class Post1 {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 40, nullable: true }) slug!: string | null;
}
`;

export const junctionV2 = `${IMPORTS}

@Entity('category')
export class Category2 {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 40 }) name!: string;
  @ManyToMany(() => Post2, (post) => post.categories) posts!: object[];
}

@Entity('post')
export class Post2 {
  @PrimaryGeneratedColumn() id!: number;
  // Now unique, and the key a new table's foreign key points at.
  @Column({ type: 'varchar', length: 40, nullable: true, unique: true }) slug!: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true, unique: true }) code!: string | null;

  // A custom junction that an entity below maps too: its indices come apart from the table.
  @ManyToMany(() => Category2, (category) => category.posts)
  @JoinTable({ name: 'post_category', joinColumn: { name: 'postId' }, inverseJoinColumn: { name: 'categoryId' } })
  categories!: object[];

  // Self-referencing, and two to the same table with default names.
  @ManyToMany(() => Post2) @JoinTable() related!: object[];
  @ManyToMany(() => Category2) @JoinTable() tags!: object[];
  @ManyToMany(() => Category2) @JoinTable({ name: 'post_hidden_category' }) hidden!: object[];
}

@Entity('post_category')
@Index('IX_post_category_both', ['categoryId', 'postId'])
export class PostCategory2 {
  @PrimaryColumn() postId!: number;
  @PrimaryColumn() categoryId!: number;
  @ManyToOne(() => Post2, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'postId' }) post!: object;
  @ManyToOne(() => Category2, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'categoryId' }) category!: object;
}

@Entity('mention')
export class Mention2 {
  @PrimaryGeneratedColumn() id!: number;
  @ManyToOne(() => Post2, { nullable: true }) @JoinColumn({ name: 'postSlug', referencedColumnName: 'slug' }) post!: object | null;
  @ManyToOne(() => Post2, { nullable: true }) @JoinColumn({ name: 'postCode', referencedColumnName: 'code' }) coded!: object | null;
}
`;

const JUNCTIONS = ['post_category', 'post_related_post', 'post_tags_category', 'post_hidden_category'];

/**
 * v1 → upgrade → v2 → autogenerate → upgrade → `check` empty → downgrade → upgrade → verify. Returns
 * the v2 revision's source (for assertions on its ops).
 */
export async function junctionRoundTrip(project: TestProject): Promise<string> {
  project.writeConfig({ entities: ['entities/*.ts'] });
  project.write('entities/v1.ts', junctionV1);
  await expectCli(project, 'revision', '--autogenerate', '-m', 'posts');
  await expectCli(project, 'upgrade', 'head');
  project.remove('entities/v1.ts');
  project.write('entities/v2.ts', junctionV2);
  await expectCli(project, 'revision', '--autogenerate', '-m', 'junctions');
  const file = project.revisionFiles().find((f) => f.endsWith('_junctions.ts'))!;
  await expectCli(project, 'upgrade', 'head');
  await expectCli(project, 'check');
  await expectCli(project, 'downgrade', '-1');
  await expectCli(project, 'upgrade', 'head');
  await expectCli(project, 'verify');
  return project.read(`migrations/versions/${file}`);
}

async function expectCli(project: TestProject, ...args: string[]): Promise<void> {
  const result = await project.cli(...args);
  if (result.code !== 0) throw new Error(`entity-migrate ${args.join(' ')} exited ${result.code}: ${result.stderr || result.stdout}`);
}

/** The upgrade body's ops on the junction tables other than their `createTable`. */
export function separateJunctionOps(revision: string): string[] {
  const upgrade = revision.slice(revision.indexOf('export async function upgrade'), revision.indexOf('export async function downgrade'));
  return upgrade
    .split('\n')
    .filter((line) => /await op\.(?!createTable)\w+\('([^']+)'/.test(line) && JUNCTIONS.some((j) => line.includes(`('${j}'`)));
}
