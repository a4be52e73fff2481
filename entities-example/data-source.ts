/**
 * The example blog's DataSource: a better-sqlite3 file `blog.sqlite` in the directory you run
 * entity-migrate from. Entities are imported classes, so this file works from any cwd (a glob such
 * as `entities-example/*.entity.ts` works too: entity-migrate loads .ts globs itself).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { Post } from './post.entity';
import { Tag } from './tag.entity';
import { User } from './user.entity';

export const AppDataSource = new DataSource({
  type: 'better-sqlite3',
  database: 'blog.sqlite',
  entities: [User, Post, Tag],
});

export default AppDataSource;
