/**
 * Tests run the TypeScript sources through swc (with decorator metadata) against real databases.
 * Files are named by area (cli-, config-, load-, script-, autogenerate-, ops-, runtime-, and
 * dialect-<database>- for one database's behaviour); each says at its top which databases it needs.
 *
 * test/unit/ holds the database-free tests (no database, no child process): `npm run test:unit`
 * runs only them, in seconds, without PostgreSQL or MariaDB and without a build.
 *
 * EM_TYPEORM_COMPAT_DIR (set by CI's second step) points `typeorm` and its drivers at another
 * install, e.g. compat/typeorm-0.3, so the same suites run on TypeORM 0.3.x with `sqlite3`.
 */
const path = require('node:path');

const compat = process.env.EM_TYPEORM_COMPAT_DIR;
const moduleNameMapper = compat
  ? {
      '^typeorm$': path.resolve(compat, 'node_modules/typeorm'),
      '^typeorm/(.*)$': path.resolve(compat, 'node_modules/typeorm/$1'),
      '^sqlite3$': path.resolve(compat, 'node_modules/sqlite3'),
    }
  : {};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  // Two workers although the machine has two cores: most of a test's time is spent waiting on a
  // database or a child process, so two files at once roughly halve the suite's wall time
  // (jest's default, cores - 1, would run one file at a time). EM_TEST_WORKERS overrides it.
  maxWorkers: Number(process.env.EM_TEST_WORKERS) > 0 ? Number(process.env.EM_TEST_WORKERS) : 2,
  // EM_TEST_TIME_SCALE (see test/helpers/wait-for.ts) stretches it on a slower machine.
  testTimeout: Math.round(60000 * (Number(process.env.EM_TEST_TIME_SCALE) > 0 ? Number(process.env.EM_TEST_TIME_SCALE) : 1)),
};
