/**
 * Source of the two sides of a two-way relation, User ⇄ Post, each importing the other: the
 * smallest import cycle a TypeORM app has.
 */
export interface SideOptions {
  /** The specifier the other side is imported from (a file, `./x.js`, a barrel). */
  from: string;
  /** Source placed between the imports and the class (helpers, a class decorator). */
  extra?: string;
  /** Type relation properties as `Relation<…>`, as ESM apps do. */
  relation?: boolean;
}

interface Side {
  name: string;
  other: string;
  imports: string;
  members: (type: (t: string) => string) => string[];
}

const SIDES: Record<'user' | 'post', Side> = {
  user: {
    name: 'User',
    other: 'Post',
    imports: 'Column, ManyToOne, OneToMany',
    members: (type) => [
      `  @Column() name!: string;`,
      `  @OneToMany(() => Post, (p) => p.author) posts!: ${type('Post')}[];`,
      // design:type reads Post while the class is defined, whichever file loads first.
      `  @ManyToOne(() => Post, { nullable: true }) pinned?: ${type('Post')};`,
    ],
  },
  post: {
    name: 'Post',
    other: 'User',
    imports: 'Column, ManyToOne',
    members: (type) => [`  @Column() title!: string;`, `  @ManyToOne(() => User, (u) => u.posts) author!: ${type('User')};`],
  },
};

export function twoWayEntity(side: 'user' | 'post', options: SideOptions): string {
  const { name, other, imports, members } = SIDES[side];
  const type = (t: string) => (options.relation ? `Relation<${t}>` : t);
  return [
    `import { Entity, PrimaryGeneratedColumn, ${imports}${options.relation ? ', type Relation' : ''} } from 'typeorm';`,
    `import { ${other} } from '${options.from}';`,
    options.extra ?? '',
    `@Entity()`,
    `export class ${name} {`,
    `  @PrimaryGeneratedColumn() id!: number;`,
    ...members(type),
    `}`,
    ``,
  ].join('\n');
}
