import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { EntityMigrateError } from '../../errors';
import { PACKAGE_TEMPLATES_DIR } from '../../script/write-revision';
import { defineCommand } from '../command';

export const initCommand = defineCommand({
  command: 'init [dir]',
  describe: 'Write entity-migrate.config.ts and migrations/versions/',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', default: '.', describe: 'Project folder' })
      .option('json', { type: 'boolean', default: false, describe: 'Write entity-migrate.config.json instead of .ts' })
      .option('templates', { type: 'boolean', default: false, describe: 'Copy the revision templates to migrations/templates/ to customise them' })
      .option('data-source', { type: 'string', default: './src/data-source.ts', describe: 'Module that exports your TypeORM DataSource' })
      .option('migrations-dir', { type: 'string', default: 'migrations', describe: 'Folder for versions/ and templates/' }),
  run: async (argv, io) => {
    const root = resolve(io.cwd, argv.dir);
    const configName = argv.json ? 'entity-migrate.config.json' : 'entity-migrate.config.ts';
    const configFile = join(root, configName);
    if (existsSync(configFile)) {
      throw new EntityMigrateError('FILE_EXISTS', `${relative(io.cwd, configFile)} already exists; not overwriting it`);
    }
    const migrationsDir = join(root, argv['migrations-dir']);
    const written: string[] = [];
    mkdirSync(join(migrationsDir, 'versions'), { recursive: true });
    const keep = join(migrationsDir, 'versions', '.gitkeep');
    if (!existsSync(keep)) writeFileSync(keep, '');
    written.push(join(migrationsDir, 'versions') + '/');

    const Handlebars = require('handlebars') as typeof import('handlebars');
    const template = readFileSync(join(PACKAGE_TEMPLATES_DIR, 'init', `${configName}.hbs`), 'utf8');
    writeFileSync(
      configFile,
      Handlebars.compile(template, { noEscape: true })({ dataSource: argv['data-source'], migrationsDir: argv['migrations-dir'] }),
    );
    written.push(configFile);

    if (argv.templates) {
      const templatesDir = join(migrationsDir, 'templates');
      mkdirSync(templatesDir, { recursive: true });
      for (const name of ['revision.ts.hbs', 'seed.ts.hbs']) {
        const target = join(templatesDir, name);
        if (!existsSync(target)) copyFileSync(join(PACKAGE_TEMPLATES_DIR, name), target);
        written.push(target);
      }
    }
    if (!argv.quiet) for (const file of written) io.stdout(`Created ${relative(io.cwd, file) || file}`);
  },
});
