/**
 * Loading ES module projects through the built CLI (jest's VM has no dynamic import): `"type": "module"`
 * with `.js` specifiers, top-level await in the data source and the config, `.mts`, `.cts`, tsconfig
 * aliases, and Node's own ESM cycle semantics with a hint naming the file. Needs SQLite.
 */
import { SpawnedProject } from './helpers/spawned-project';
import { ensureBuilt } from './helpers/spawn-cli';
import { twoWayEntity } from './helpers/two-way-entities';

beforeAll(() => ensureBuilt(), 120_000);
jest.setTimeout(90_000);

let project: SpawnedProject;
afterEach(() => project?.remove());

const user = (relation: string) => twoWayEntity('user', { from: './post.entity.js', relation: relation === 'Relation' });
const post = (relation: string) => twoWayEntity('post', { from: './user.entity.js', relation: relation === 'Relation' });
const dataSource = (database = "await Promise.resolve('db.sqlite')") =>
  [
    `import { DataSource } from 'typeorm';`,
    `import { User } from './user.entity.js';`,
    `import { Post } from './post.entity.js';`,
    `// Top-level await: only an ES module can do this.`,
    `const database = ${database};`,
    `export const AppDataSource = new DataSource({ type: 'better-sqlite3', database, entities: [User, Post] });`,
    ``,
  ].join('\n');

/** Both entities loaded (check lists their tables), and the config's versionTable in use. */
async function expectEntitiesAndVersionTable(versionTable: string): Promise<void> {
  const result = await project.cli('check');
  expect(result.stderr).toBe('');
  expect(result.stdout).toContain('+ table user');
  expect(result.stdout).toContain('+ table post');
  expect((await project.cli('revision', '-m', 'empty')).code).toBe(0);
  expect((await project.cli('upgrade', 'head', '--sql')).stdout).toContain(versionTable);
}

test('"type": "module": .js specifiers, top-level await in the data source; revision, upgrade, check', async () => {
  project = new SpawnedProject('esm').write({
    'package.json': JSON.stringify({ type: 'module' }),
    'entity-migrate.config.json': JSON.stringify({ dataSource: './src/data-source.ts' }),
    'src/data-source.ts': dataSource(),
    'src/user.entity.ts': user('Relation'),
    'src/post.entity.ts': post('Relation'),
  });
  const pending = await project.cli('check');
  expect(pending.stderr).toBe('');
  expect(pending.stdout).toContain('+ table user');
  expect(pending.code).toBe(2);
  expect((await project.cli('revision', '--autogenerate', '-m', 'init')).code).toBe(0);
  const upgrade = await project.cli('upgrade', 'head');
  expect(upgrade.stderr).toBe('');
  expect(upgrade.code).toBe(0);
  expect(await project.cli('check')).toMatchObject({ code: 0, stderr: '' });
  // Again, from the transpile cache.
  expect(await project.cli('check')).toMatchObject({ code: 0, stderr: '' });
});

test('a TypeScript config with top-level await, importing the data source and a .cts module', async () => {
  project = new SpawnedProject('esm-config').write({
    'package.json': JSON.stringify({ type: 'module' }),
    'entity-migrate.config.ts': [
      `import { AppDataSource } from './src/data-source.js';`,
      `import { suffix } from './src/suffix.cjs';`,
      `const versionTable = await Promise.resolve('esm' + suffix);`,
      `export default { dataSource: AppDataSource, versionTable };`,
      ``,
    ].join('\n'),
    // CommonJS from an ES module: a named import, and the .cts file's own require of a .cts file.
    'src/suffix.cts': `import { DataSource } from 'typeorm';\nimport { underscore } from './underscore.cjs';\nexport const suffix: string = typeof DataSource === 'function' ? underscore + 'versions' : '';\n`,
    'src/underscore.cts': `export const underscore = '_';\n`,
    'src/data-source.ts': dataSource(),
    'src/user.entity.ts': user('Relation'),
    'src/post.entity.ts': post('Relation'),
  });
  await expectEntitiesAndVersionTable('esm_versions');
});

test('.mts config in a CommonJS package, .cts data source, tsconfig paths from an ES module', async () => {
  project = new SpawnedProject('mts').write({
    'tsconfig.json': JSON.stringify({ compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true, paths: { '@entities/*': ['./src/*'] } } }),
    'entity-migrate.config.mts': [
      `import { versionTable } from '@entities/settings.js';`,
      `const dataSource = await Promise.resolve('./src/data-source.cts');`,
      `export default { dataSource, versionTable };`,
      ``,
    ].join('\n'),
    'src/settings.ts': `export const versionTable: string = 'mts_versions';\n`,
    'src/data-source.cts': [
      `import { DataSource } from 'typeorm';`,
      `import { User } from './user.entity';`,
      `import { Post } from './post.entity';`,
      `export const AppDataSource = new DataSource({ type: 'better-sqlite3', database: 'db.sqlite', entities: [User, Post] });`,
      ``,
    ].join('\n'),
    'src/user.entity.ts': user('Relation'),
    'src/post.entity.ts': post('Relation').replace(`'./user.entity.js'`, `'@entities/user.entity.js'`),
  });
  await expectEntitiesAndVersionTable('mts_versions');
});

test('an ES module cycle that reads a class too early fails as Node ESM does, naming the file and Relation<>', async () => {
  project = new SpawnedProject('esm-cycle').write({
    'package.json': JSON.stringify({ type: 'module' }),
    'entity-migrate.config.json': JSON.stringify({ dataSource: './src/data-source.ts' }),
    'src/data-source.ts': dataSource("'db.sqlite'"),
    'src/user.entity.ts': user('Relation'),
    'src/post.entity.ts': post('plain'),
  });
  const result = await project.cli('check');
  expect(result.code).toBe(1);
  expect(result.stderr.trim()).toBe(
    "error: src/data-source.ts: Cannot access 'User' before initialization (at src/post.entity.ts:8:3); src/post.entity.ts is an ES module in an import cycle: type relation properties as Relation<User> (from typeorm) so decorator metadata does not read User while it loads",
  );
});

test('"type": "module" with bundler-style specifiers: extensionless files, a folder index, an extensionless alias', async () => {
  // Found on a NestJS boilerplate ("type": "module", moduleResolution Node, run through vite/bun/
  // ts-node's experimentalSpecifierResolution): its data source begins `import './src/polyfill';`,
  // and Node alone finds none of these.
  project = new SpawnedProject('esm-extensionless').write({
    'package.json': JSON.stringify({ type: 'module' }),
    'tsconfig.json': JSON.stringify({
      compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', experimentalDecorators: true, emitDecoratorMetadata: true, baseUrl: '.', paths: { '@entities/*': ['./src/entities/*'] } },
    }),
    'entity-migrate.config.json': JSON.stringify({ dataSource: './src/data-source.ts' }),
    'src/polyfill.ts': `(globalThis as Record<string, unknown>).polyfilled = true;\n`,
    'src/data-source.ts': [
      `import './polyfill';`,
      `import { DataSource } from 'typeorm';`,
      `import { User, Post } from './entities';`,
      `export const AppDataSource = new DataSource({ type: 'better-sqlite3', database: 'db.sqlite', entities: [User, Post] });`,
      ``,
    ].join('\n'),
    'src/entities/index.ts': `export { User } from './user.entity';\nexport { Post } from './post.entity';\n`,
    'src/entities/user.entity.ts': twoWayEntity('user', { from: './post.entity', relation: true }),
    'src/entities/post.entity.ts': twoWayEntity('post', { from: '@entities/user.entity', relation: true }),
  });
  const result = await project.cli('check');
  expect(result.stderr).toBe('');
  expect(result.stdout).toContain('+ table user');
  expect(result.stdout).toContain('+ table post');
  expect(result.code).toBe(2);
});
