'use strict';
/**
 * The peer: TypeORM's own CLI, installed at pinned versions into bench/.peer/ (outside the repo's
 * dependency tree, gitignored) on first run, with a project under bench/.work/peer/ whose
 * node_modules points there.
 */
const { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { run } = require('./util');
const fx = require('./fixtures');

const PINS = {
  typeorm: '1.1.1',
  'ts-node': '10.9.2',
  typescript: '5.9.3',
  pg: '8.23.1',
  'reflect-metadata': '0.2.2',
  // ts-node's peer dependency; pinned so npm does not pick whatever is newest.
  '@types/node': '20.19.43',
};

function ensurePeerInstalled(peerDir, log) {
  const stamp = join(peerDir, '.installed.json');
  const want = JSON.stringify(PINS);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want && existsSync(join(peerDir, 'node_modules/typeorm/cli.js'))) return;
  log(`installing the peer into ${peerDir} (${Object.entries(PINS).map(([n, v]) => `${n}@${v}`).join(', ')}) …`);
  mkdirSync(peerDir, { recursive: true });
  writeFileSync(join(peerDir, 'package.json'), `${JSON.stringify({ name: 'em-bench-peer', private: true }, null, 2)}\n`);
  run('npm', [
    'install',
    '--prefix',
    peerDir,
    '--save-exact',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    ...Object.entries(PINS).map(([n, v]) => `${n}@${v}`),
  ]);
  writeFileSync(stamp, want);
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2021',
    module: 'commonjs',
    moduleResolution: 'node',
    lib: ['ES2022', 'esnext.disposable'],
    types: ['node'],
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    outDir: 'dist',
    rootDir: 'src',
  },
  include: ['src'],
};

// The data source reads the database and what to load from the environment, so one file serves
// every case: BENCH_DB, BENCH_ENTITIES=1 (load the 200 entities), BENCH_MIGRATIONS=0 (none).
const URL_EXPR =
  "`postgres://${process.env.BENCH_PGUSER ?? 'postgres'}@${process.env.BENCH_PGHOST ?? '127.0.0.1'}:" +
  "${process.env.BENCH_PGPORT ?? '5432'}/${process.env.BENCH_DB}`";

const dataSourceOptions = (ext, root) => `{
  type: 'postgres',
  url: ${URL_EXPR},
  entities: process.env.BENCH_ENTITIES === '1' ? ['${root}/entities/*.${ext}'] : [],
  migrations: process.env.BENCH_MIGRATIONS === '0' ? [] : ['${root}/migrations/*.${ext}'],
  logging: false,
}`;

const DATA_SOURCE_TS = `import 'reflect-metadata';
import { DataSource } from 'typeorm';

export default new DataSource(${dataSourceOptions('ts', 'src')});
`;

const DATA_SOURCE_JS = `'use strict';
require('reflect-metadata');
const { DataSource } = require('typeorm');

module.exports = new DataSource(${dataSourceOptions('js', 'dist')});
`;

/** Write the peer project (entities, migrations, data sources) and compile it with tsc. */
function preparePeerProject({ projectDir, peerDir, entities, revisions, log }) {
  const stamp = join(projectDir, '.fixture.json');
  const want = JSON.stringify({ entities, revisions, gen: fixtureFingerprint() });
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want && existsSync(join(projectDir, 'dist/migrations'))) return;
  log(`writing the peer project (${entities} entities, ${revisions} migrations) and compiling it with tsc …`);
  rmSync(projectDir, { recursive: true, force: true });
  mkdirSync(projectDir, { recursive: true });
  symlinkSync(join(peerDir, 'node_modules'), join(projectDir, 'node_modules'), 'dir');
  writeFileSync(join(projectDir, 'package.json'), `${JSON.stringify({ name: 'em-bench-peer-project', private: true }, null, 2)}\n`);
  writeFileSync(join(projectDir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  writeFileSync(join(projectDir, 'data-source.ts'), DATA_SOURCE_TS);
  writeFileSync(join(projectDir, 'dist-data-source.js'), DATA_SOURCE_JS);
  fx.writeEntities(join(projectDir, 'src/entities'), entities);
  fx.writeMigrations(join(projectDir, 'src/migrations'), revisions);
  run(process.execPath, [join(peerDir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: projectDir });
  writeFileSync(stamp, want);
}

function fixtureFingerprint() {
  return require('node:crypto')
    .createHash('sha1')
    .update(readFileSync(require.resolve('./fixtures'), 'utf8'))
    .update(DATA_SOURCE_TS + DATA_SOURCE_JS + JSON.stringify(TSCONFIG))
    .digest('hex')
    .slice(0, 12);
}

module.exports = { PINS, ensurePeerInstalled, preparePeerProject, fixtureFingerprint };
