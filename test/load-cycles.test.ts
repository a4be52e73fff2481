/**
 * Loading entities: import cycles load as under tsc's CommonJS output: an export read before its module finished
 * is `undefined`, never "Cannot access 'User' before initialization" (swc's getters over `let`).
 * Every load order, through the built CLI (the real require hook). Needs SQLite.
 */
import { SpawnedProject } from './helpers/spawned-project';
import { ensureBuilt } from './helpers/spawn-cli';
import { twoWayEntity } from './helpers/two-way-entities';

beforeAll(() => ensureBuilt(), 120_000);
jest.setTimeout(60_000);

let project: SpawnedProject;
afterEach(() => project?.remove());

const user = (from: string, extra?: string) => twoWayEntity('user', { from, extra });
const post = (from: string, extra?: string) => twoWayEntity('post', { from, extra });
const SQLITE = { type: 'better-sqlite3', database: 'db.sqlite' };

async function expectBothTablesPending(p: SpawnedProject): Promise<void> {
  const result = await p.cli('check');
  expect(result.stderr).toBe('');
  expect(result.stdout).toContain('+ table user');
  expect(result.stdout).toContain('+ table post');
  expect(result.code).toBe(2);
}

describe('a two-way relation loads in either entity glob order', () => {
  test.each([
    ['user loads first', 'a-user', 'b-post'],
    ['post loads first', 'b-user', 'a-post'],
  ])('%s', async (_, userFile, postFile) => {
    project = new SpawnedProject('cycle').write({
      'entity-migrate.config.json': JSON.stringify({ ...SQLITE, entities: ['src/*.entity.ts'] }),
      [`src/${userFile}.entity.ts`]: user(`./${postFile}.entity`),
      [`src/${postFile}.entity.ts`]: post(`./${userFile}.entity`),
    });
    await expectBothTablesPending(project);
  });
});

describe('entities re-exported through barrels', () => {
  test.each([
    ['export * from, glob over the entity files', `export * from './user.entity';\nexport * from './post.entity';\n`, 'src/entities/*.entity.ts'],
    ['named re-exports, glob over the entity files', `export { User } from './user.entity';\nexport { Post } from './post.entity';\n`, 'src/entities/*.entity.ts'],
    ['named re-exports, barrel loaded first', `export { User } from './user.entity';\nexport { Post } from './post.entity';\n`, 'src/entities/index.ts'],
    ['named re-exports, post re-exported first', `export { Post } from './post.entity';\nexport { User } from './user.entity';\n`, 'src/entities/index.ts'],
  ])('%s', async (_, barrel, glob) => {
    project = new SpawnedProject('barrel').write({
      'entity-migrate.config.json': JSON.stringify({ ...SQLITE, entities: [glob] }),
      'src/entities/index.ts': barrel,
      'src/entities/user.entity.ts': user('.'),
      'src/entities/post.entity.ts': post('./index'),
    });
    await expectBothTablesPending(project);
  });
});

test('a class decorator that takes the other class gets undefined early, as under tsc', async () => {
  const owner = `const seen: unknown[] = [];\nfunction Owns(target: unknown): ClassDecorator {\n  seen.push(target);\n  return () => undefined;\n}\n@Owns(Post)`;
  project = new SpawnedProject('decorator').write({
    'entity-migrate.config.json': JSON.stringify({ ...SQLITE, entities: ['src/*.entity.ts'] }),
    'src/a-user.entity.ts': user('./b-post.entity', owner),
    'src/b-post.entity.ts': post('./a-user.entity', `@Reflect.metadata('owner', User)`),
  });
  await expectBothTablesPending(project);
});

describe('data source, config and revision files in the cycle', () => {
  const dataSource = (first: string, second: string) =>
    [
      `import { DataSource } from 'typeorm';`,
      `import config from '../entity-migrate.config';`,
      `import { ${first} } from './${first.toLowerCase()}.entity';`,
      `import { ${second} } from './${second.toLowerCase()}.entity';`,
      // Read while the config (which imports this file) is still loading: undefined under tsc.
      `export const AppDataSource = new DataSource({ type: 'better-sqlite3', database: 'db.sqlite', entities: [${first}, ${second}], logging: (config as { logging?: boolean } | undefined)?.logging ?? false });`,
      ``,
    ].join('\n');
  // An ActiveRecord-style entity that reads the data source while it is still loading.
  const usesDataSource = `import { AppDataSource } from './data-source';\nexport const dataSourceAtLoad = AppDataSource;`;

  test.each([
    ['data source imports user first', 'User', 'Post'],
    ['data source imports post first', 'Post', 'User'],
  ])('config → data source → entities → data source: %s', async (_, first, second) => {
    project = new SpawnedProject('ds-cycle').write({
      'entity-migrate.config.ts': `import { AppDataSource } from './src/data-source';\nexport default { dataSource: AppDataSource };\n`,
      'src/data-source.ts': dataSource(first, second),
      'src/user.entity.ts': user('./post.entity', usesDataSource),
      'src/post.entity.ts': post('./user.entity'),
    });
    await expectBothTablesPending(project);
  });

  test('a data source module path, the entity importing it back', async () => {
    project = new SpawnedProject('ds-path').write({
      'em.json': JSON.stringify({ dataSource: './src/data-source.ts' }),
      'entity-migrate.config.ts': 'export default {};\n', // read by data-source.ts only
      'src/data-source.ts': dataSource('Post', 'User'),
      'src/user.entity.ts': user('./post.entity', usesDataSource),
      'src/post.entity.ts': post('./user.entity', usesDataSource),
    });
    const result = await project.cli('-c', 'em.json', 'check');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);
  });

  test('a revision file that imports an entity in a cycle', async () => {
    project = new SpawnedProject('rev-cycle').write({
      'entity-migrate.config.json': JSON.stringify({ ...SQLITE, entities: ['src/*.entity.ts'] }),
      'src/user.entity.ts': user('./post.entity'),
      'src/post.entity.ts': post('./user.entity'),
      'migrations/versions/aaaaaaaaaaaa_init.ts': [
        `import { User } from '../../src/user.entity';`,
        `export const revision = 'aaaaaaaaaaaa';`,
        `export const downRevision = null;`,
        `export const message = 'init';`,
        `export async function upgrade({ op }: any): Promise<void> {`,
        `  await op.execute(\`CREATE TABLE "\${User.name.toLowerCase()}_marker" (id integer)\`);`,
        `}`,
        `export async function downgrade(): Promise<void> {}`,
        ``,
      ].join('\n'),
    });
    const result = await project.cli('upgrade', 'head');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
