import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { EntityMigrateError } from '../../errors';
import { stringContent } from '../../script/source-text';
import { initTemplate, initTemplates } from '../../script/templates';
import { PACKAGE_TEMPLATES_DIR } from '../../script/write-revision';
import { ORMCONFIG } from '../../config/find-config';
import { DEFAULTS } from '../../config/settings';
import { defineCommand } from '../command';
import { findDataSourceModule } from '../find-data-source';

const DEFAULT_DATA_SOURCE = './src/data-source.ts';

export const initCommand = defineCommand({
  command: 'init [dir]',
  describe: 'Write entity-migrate.config.ts and migrations/versions/',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', default: '.', describe: 'Project folder' })
      .option('json', { type: 'boolean', default: false, describe: 'Write entity-migrate.config.json instead of .ts (same as --template json)' })
      .option('template', { type: 'string', describe: `Config scaffold: ${initTemplates().map((t) => t.name).join(' | ')} (entity-migrate list-templates describes them)` })
      .option('templates', { type: 'boolean', default: false, describe: 'Copy the revision templates to migrations/templates/ to customise them' })
      .option('data-source', { type: 'string', describe: 'Module that exports your TypeORM DataSource (default: found in the project, else ./src/data-source.ts)' })
      .option('migrations-dir', { type: 'string', default: DEFAULTS.migrationsDir, describe: 'Folder for versions/ and templates/' }),
  run: async (argv, io) => {
    const root = resolve(io.cwd, argv.dir);
    const scaffold = initTemplate(argv.template ?? (argv.json ? 'json' : 'ts'));
    if (argv.json && scaffold.name !== 'json') throw new EntityMigrateError('CONFIG_INVALID', `--json and --template ${scaffold.name} name different config files: pick one`);
    const json = scaffold.name === 'json';
    const configName = basename(scaffold.file, '.hbs');
    const configFile = join(root, configName);
    if (existsSync(configFile)) {
      throw new EntityMigrateError('FILE_EXISTS', `${relative(io.cwd, configFile)} already exists; not overwriting it`);
    }
    // TypeORM's classic ormconfig.json already says where the database is; a new config file would
    // hide it, so only the versions folder is made (our options go under its "entityMigrate" key).
    const ormconfig = join(root, ORMCONFIG);
    const useOrmconfig = argv['data-source'] === undefined && argv.template === undefined && !json && existsSync(ormconfig);
    const found = argv['data-source'] === undefined ? findDataSourceModule(root) : undefined;
    const dataSource = argv['data-source'] ?? found ?? DEFAULT_DATA_SOURCE;
    const migrationsDir = join(root, argv['migrations-dir']);
    const written: string[] = [];
    mkdirSync(join(migrationsDir, 'versions'), { recursive: true });
    const keep = join(migrationsDir, 'versions', '.gitkeep');
    if (!existsSync(keep)) writeFileSync(keep, '');
    written.push(join(migrationsDir, 'versions') + '/');

    const notes: string[] = [];
    if (useOrmconfig) {
      notes.push(`Using ${relative(io.cwd, ormconfig) || ORMCONFIG} for the connection (put entity-migrate's options under its "entityMigrate" key)`);
      if (argv['migrations-dir'] !== DEFAULTS.migrationsDir) notes.push(`Add "entityMigrate": { "migrationsDir": "${argv['migrations-dir']}" } to it`);
    } else {
      const Handlebars = require('handlebars') as typeof import('handlebars');
      const template = readFileSync(scaffold.file, 'utf8');
      // Paths are text inside the config's string literals: a quote or a Windows backslash stays data.
      const inString = json ? (text: string) => JSON.stringify(text).slice(1, -1) : stringContent;
      writeFileSync(configFile, Handlebars.compile(template, { noEscape: true })({ dataSource: inString(dataSource), migrationsDir: inString(argv['migrations-dir']) }));
      written.push(configFile);
      if (found) notes.push(`Using ${found} as the data source`);
      else if (!existsSync(resolve(root, dataSource))) {
        notes.push(`${dataSource} does not exist yet: write a module exporting your TypeORM DataSource there, or edit "dataSource" in ${configName}`);
      }
    }

    if (argv.templates) {
      const templatesDir = join(migrationsDir, 'templates');
      mkdirSync(templatesDir, { recursive: true });
      for (const name of ['revision.ts.hbs', 'seed.ts.hbs']) {
        const target = join(templatesDir, name);
        if (!existsSync(target)) copyFileSync(join(PACKAGE_TEMPLATES_DIR, name), target);
        written.push(target);
      }
    }
    if (!argv.quiet) {
      for (const file of written) io.stdout(`Created ${relative(io.cwd, file) || file}`);
      for (const note of notes) io.stdout(note);
    }
  },
});
