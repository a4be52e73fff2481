/**
 * Loading entities: no entities is an error for the commands that compare them with the database (an empty model
 * would "drop every table"), named by globs or module and the folder the globs were read in;
 * commands that do not need entities carry on. A glob that matches nothing beside others that do
 * is a warning. Nothing written and the database untouched. Built CLI; needs PostgreSQL and
 * SQLite.
 */
import { join } from 'node:path';
import { DIALECTS, sqliteFile, tableNames } from './helpers/databases';
import { createTableOp, projectPerTest } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';
import { widgetEntitySource } from './helpers/widget-entity';

beforeAll(() => ensureBuilt(), 120_000);

const createGadget = createTableOp('gadget');

describe.each(Object.entries(DIALECTS))('no entities, on %s', (_name, createDatabase) => {
  const project = projectPerTest(createDatabase, 'zero-entities');

  test('a glob that matches nothing: revision --autogenerate and check refuse; nothing written, database untouched', async () => {
    project.writeConfig({ entities: ['src/entity/*.ts'] }); // the files are in src/entities/
    project.write('src/entities/widget.ts', widgetEntitySource());
    const expected = `error: no entities: "entities" in entity-migrate.config.json (src/entity/*.ts) gave no entity class, relative globs resolved from ${project.dir}; refusing to compare an empty model with the database (every table would be dropped)\n`;
    for (const args of [['revision', '--autogenerate', '-m', 'oops'], ['check']]) {
      expect({ args, ...(await project.spawn(...args)) }).toMatchObject({ args, code: 1, stdout: '', stderr: expected });
    }
    expect(project.revisionFiles()).toEqual([]);
    expect(await tableNames(project.db)).toEqual([]);
  });

  // Found on TypeORM's own express example: its ormconfig.json names the compiled files
  // (src/entity/*.js), which a checkout without a build does not have.
  test('a .js glob over TypeScript sources only: the error names the .ts glob that would match', async () => {
    project.write('ormconfig.json', JSON.stringify({ url: '${TEST_DATABASE_URL}', entities: ['src/entity/*.js'] }));
    project.write('src/entity/widget.ts', widgetEntitySource());
    project.write('src/entity/gadget.ts', widgetEntitySource('gadget'));
    const result = await project.spawn('check');
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe(
      `error: no entities: "entities" in ormconfig.json (src/entity/*.js) gave no entity class, relative globs resolved from ${project.dir}; src/entity/*.ts matches 2 TypeScript files, which entity-migrate loads without a build; refusing to compare an empty model with the database (every table would be dropped)\n`,
    );
  });

  test('upgrade and current do not need entities', async () => {
    project.writeConfig({ entities: ['src/entity/*.ts'] });
    project.writeRevision('aaaa00000001', null, createGadget, `await op.dropTable('gadget');`, 'gadget');
    expect(await project.spawn('upgrade')).toMatchObject({ code: 0, stderr: '' });
    expect(await project.spawn('current')).toMatchObject({ code: 0, stderr: '' });
    expect(await project.spawn('downgrade', 'base')).toMatchObject({ code: 0, stderr: '' });
  });

  test('a data-source module without entities (Nest autoLoadEntities): named, with why', async () => {
    project.write('entity-migrate.config.json', '{ "dataSource": "./src/db.ts" }');
    project.write(
      'src/db.ts',
      project.db.dialect === 'postgres'
        ? "export const typeOrmOptions = () => ({ type: 'postgres' as const, url: process.env.TEST_DATABASE_URL, autoLoadEntities: true });\n"
        : `export const typeOrmOptions = () => ({ type: 'better-sqlite3' as const, database: ${JSON.stringify(sqliteFile(project.db))}, autoLoadEntities: true });\n`,
    );
    const result = await project.spawn('check');
    expect(result).toMatchObject({
      code: 1,
      stderr:
        'error: no entities: src/db.ts sets no "entities" (autoLoadEntities works only inside a Nest app: list the entities or a glob); refusing to compare an empty model with the database (every table would be dropped)\n',
    });
    expect(await tableNames(project.db)).toEqual([]);
  });

  test('one glob of several matching no file: a warning line, the others still count', async () => {
    project.writeConfig({ entities: ['src/entities/*.ts', 'lib/models/*.ts'] });
    project.write('src/entities/widget.ts', widgetEntitySource());
    const result = await project.spawn('revision', '--autogenerate', '-m', 'widget');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`warning: "entities" entry lib/models/*.ts (entity-migrate.config.json) matched no file in ${project.dir}\n`);
    expect(project.revisionFiles()).toHaveLength(1);
    expect(project.read(join('migrations/versions', project.revisionFiles()[0]!))).toContain("name: 'widget'");
  });
});
