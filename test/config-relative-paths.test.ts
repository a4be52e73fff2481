/**
 * Config: relative paths in a config resolve from the config file's folder, not the shell's cwd: entity
 * globs (inline or in the data-source module), SQLite files, migrationsDir. A versions folder that
 * does not exist is an error naming the absolute folder and the config, never "no revisions".
 * Built CLI; needs PostgreSQL and SQLite.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createMigrator } from '../src';
import { createSqliteDatabase, DIALECTS, sqliteFile, tableNames } from './helpers/databases';
import { projectPerTest, type CliResult, type TestProject } from './helpers/project';
import { rejection } from './helpers/rejection';
import { ensureBuilt, runCli } from './helpers/spawn-cli';
import { widgetEntitySource } from './helpers/widget-entity';
import { withoutChangeSummary } from './helpers/round-trip';

beforeAll(() => ensureBuilt(), 120_000);

/** `entity-migrate …args` run from `<project>/sub`, with the config one folder up. */
function fromSubfolder(project: TestProject, ...args: string[]): Promise<CliResult> {
  const sub = join(project.dir, 'sub');
  mkdirSync(sub, { recursive: true });
  return runCli([...args, '-c', `../${configName(project)}`], { cwd: sub, env: { TEST_DATABASE_URL: project.db.url } });
}

function configName(project: TestProject): string {
  return existsSync(join(project.dir, 'entity-migrate.config.ts')) ? 'entity-migrate.config.ts' : 'entity-migrate.config.json';
}

describe.each(Object.entries(DIALECTS))('run from another cwd, on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'rel-paths');
  beforeEach(() => {
    project.write('src/entities/widget.ts', widgetEntitySource());
  });

  test('inline options: entity globs from the config folder; autogenerate, upgrade, check', async () => {
    project.writeConfig({ entities: ['src/entities/*.ts'] });
    const revision = await fromSubfolder(project, 'revision', '--autogenerate', '-m', 'widget');
    expect({ ...revision, stderr: withoutChangeSummary(revision.stderr) }).toMatchObject({ code: 0, stderr: '' });
    expect(project.revisionFiles()).toHaveLength(1);
    expect(project.read(`migrations/versions/${project.revisionFiles()[0]}`)).toContain("name: 'widget'");
    expect(await fromSubfolder(project, 'upgrade')).toMatchObject({ code: 0 });
    expect(await tableNames(project.db)).toContain('widget');
    expect(await fromSubfolder(project, 'check')).toMatchObject({ code: 0, stderr: '' });
  });

  test('a data-source module: its relative globs resolve from the config folder too', async () => {
    project.write('entity-migrate.config.json', '{ "dataSource": "./src/db.ts" }');
    project.write(
      'src/db.ts',
      "import { DataSource } from 'typeorm';\nexport default new DataSource({ ...(require('./target') as object), entities: ['src/entities/*.ts'] } as never);\n",
    );
    project.write(
      'src/target.ts',
      project.db.dialect === 'postgres'
        ? `module.exports = { type: 'postgres', url: process.env.TEST_DATABASE_URL };\n`
        : `module.exports = { type: 'better-sqlite3', database: ${JSON.stringify(sqliteFile(project.db))} };\n`,
    );
    const widget = await fromSubfolder(project, 'revision', '--autogenerate', '-m', 'widget');
    expect({ ...widget, stderr: withoutChangeSummary(widget.stderr) }).toMatchObject({ code: 0, stderr: '' });
    expect(project.revisionFiles()).toHaveLength(1);
  });
});

describe('a relative SQLite file and versions folder', () => {
  const project = projectPerTest(createSqliteDatabase, 'rel-versions');

  test('a relative SQLite "database" is a file beside the config, whatever the cwd', async () => {
    project.write('entity-migrate.config.json', '{ "type": "better-sqlite3", "database": "data/app.sqlite", "entities": ["src/entities/*.ts"] }');
    project.write('src/entities/widget.ts', widgetEntitySource());
    mkdirSync(join(project.dir, 'data'));
    expect(await fromSubfolder(project, 'revision', '--autogenerate', '-m', 'widget')).toMatchObject({ code: 0 });
    expect(await fromSubfolder(project, 'upgrade')).toMatchObject({ code: 0 });
    expect(existsSync(join(project.dir, 'data/app.sqlite'))).toBe(true);
    expect(existsSync(join(project.dir, 'sub/data'))).toBe(false);
  });

  test('a missing versions folder: every command that reads revisions names it and the config', async () => {
    project.writeConfig({ migrationsDir: 'db/migrations', entities: ['src/entities/*.ts'] });
    project.write('src/entities/widget.ts', widgetEntitySource());
    const versions = join(project.dir, 'db/migrations/versions');
    for (const args of [['upgrade'], ['current'], ['history'], ['check'], ['revision', '--autogenerate', '-m', 'x'], ['revision', '-m', 'x']]) {
      const result = await fromSubfolder(project, ...args);
      expect({ args, ...result }).toMatchObject({
        args,
        code: 1,
        stdout: '',
        stderr: `error: versions folder ${versions} does not exist (migrationsDir of ${join(project.dir, 'entity-migrate.config.json')}, relative to its folder); run 'entity-migrate init' or create it\n`,
      });
    }
    expect(existsSync(join(project.dir, 'db'))).toBe(false);
    expect(existsSync(sqliteFile(project.db))).toBe(false);
  });

  test('createMigrator: a relative migrationsDir starts at cwd; a missing folder names the absolute path', async () => {
    rmSync(join(project.dir, 'migrations'), { recursive: true });
    const migrator = await createMigrator({ dataSource: project.db.options, migrationsDir: 'migrations', cwd: project.dir });
    try {
      const error = await rejection(migrator.upgrade());
      expect(error.code).toBe('VERSIONS_NOT_FOUND');
      expect(error.message).toBe(
        `versions folder ${join(project.dir, 'migrations/versions')} does not exist (migrationsDir 'migrations', relative to ${project.dir}); run 'entity-migrate init' or create it`,
      );
    } finally {
      await migrator.close();
    }
  });
});
