/**
 * Loading entities: no entities is an error for the commands that compare them with the database (an empty model
 * would "drop every table"), named by globs or module and the folder the globs were read in;
 * commands that do not need entities carry on. A glob that matches nothing beside others that do
 * is a warning. Nothing written and the database untouched. Built CLI; needs PostgreSQL and
 * SQLite.
 */
import { join } from 'node:path';
import { DIALECTS, sqliteFile, tableNames, type TestDatabase } from './helpers/databases';
import { createTableOp, projectPerTest } from './helpers/project';
import { ensureBuilt } from './helpers/spawn-cli';
import { widgetEntitySource } from './helpers/widget-entity';
import { withoutChangeSummary } from './helpers/round-trip';

beforeAll(() => ensureBuilt(), 120_000);

const createGadget = createTableOp('gadget');
const REFUSAL = 'refusing to compare an empty model with the database (every table would be dropped)';

/** A data-source module's connection options for the test database, as JavaScript source. */
function connection(db: TestDatabase): string {
  return db.dialect === 'postgres' ? `type: 'postgres', url: process.env.TEST_DATABASE_URL` : `type: 'better-sqlite3', database: ${JSON.stringify(sqliteFile(db))}`;
}

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

  test('files that export nothing TypeORM takes: the error names each file and its exports', async () => {
    project.writeConfig({ entities: ['src/entity/*.ts'] });
    project.write('src/entity/widget.ts', widgetEntitySource().replace("@Entity('widget')\n", '')); // @Entity forgotten
    project.write('src/entity/draft.ts', `export const DraftOptions = { name: 'draft', columns: { id: { type: Number, primary: true, generated: true } } };\n`);
    project.write('src/entity/empty.ts', `export type Nothing = never;\n`);
    const result = await project.spawn('check');
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe(
      // The warning comes from loading, before the DataSource says it has no entity (Widget is a class).
      'warning: src/entity/draft.ts: EntitySchemaOptions "draft" without new EntitySchema(…) are ignored by TypeORM, and so by entity-migrate\n' +
      `error: no entities: "entities" in entity-migrate.config.json (src/entity/*.ts) gave no entity class: src/entity/*.ts matched src/entity/draft.ts (exports EntitySchemaOptions DraftOptions), src/entity/empty.ts (exports nothing), src/entity/widget.ts (exports class Widget); TypeORM takes only @Entity classes and EntitySchema instances (EntitySchemaOptions need new EntitySchema(…)), relative globs resolved from ${project.dir}; ${REFUSAL}\n`,
    );
    expect(await tableNames(project.db)).toEqual([]);
  });

  test('a data-source module whose entities are all bare EntitySchemaOptions: named as such', async () => {
    project.write('entity-migrate.config.json', '{ "dataSource": "./src/db.js" }');
    project.write(
      'src/db.js',
      `const options = { name: 'memo', columns: { id: { type: Number, primary: true, generated: true } } };\nmodule.exports = { ${connection(project.db)}, entities: [options] };\n`,
    );
    const result = await project.spawn('revision', '--autogenerate', '-m', 'memo');
    expect(result).toMatchObject({
      code: 1,
      stderr: `error: no entities: "entities" in src/db.js (EntitySchemaOptions(memo)) gave no entity class: TypeORM takes only @Entity classes and EntitySchema instances (EntitySchemaOptions need new EntitySchema(…)); ${REFUSAL}\n`,
    });
    expect(project.revisionFiles()).toEqual([]);
  });

  // TypeORM's schema builder skips entities with synchronize: false, so autogenerate on an empty
  // database said "No changes detected" although the DataSource had entities.
  test('every entity with synchronize: false: refused, naming them, instead of "No changes detected"', async () => {
    project.writeConfig({ entities: ['src/entity/*.ts'] });
    project.write('src/entity/widget.ts', widgetEntitySource().replace("@Entity('widget')", "@Entity('widget', { synchronize: false })"));
    project.write('src/entity/gadget.ts', widgetEntitySource('gadget').replace("@Entity('gadget')", "@Entity('gadget', { synchronize: false })"));
    const expected = `error: no entities to compare: every entity has synchronize: false (Gadget, Widget), so TypeORM's schema builder, which autogenerate records, skips them all; ${REFUSAL}\n`;
    for (const args of [['revision', '--autogenerate', '-m', 'oops'], ['check']]) {
      expect({ args, ...(await project.spawn(...args)) }).toMatchObject({ args, code: 1, stdout: '', stderr: expected });
    }
    expect(project.revisionFiles()).toEqual([]);
  });

  test('one glob of several matching no file: a warning line, the others still count', async () => {
    project.writeConfig({ entities: ['src/entities/*.ts', 'lib/models/*.ts'] });
    project.write('src/entities/widget.ts', widgetEntitySource());
    const result = await project.spawn('revision', '--autogenerate', '-m', 'widget');
    expect(result.code).toBe(0);
    expect(withoutChangeSummary(result.stderr)).toBe(`warning: "entities" entry lib/models/*.ts (entity-migrate.config.json) matched no file in ${project.dir}\n`);
    expect(project.revisionFiles()).toHaveLength(1);
    expect(project.read(join('migrations/versions', project.revisionFiles()[0]!))).toContain("name: 'widget'");
  });
});
