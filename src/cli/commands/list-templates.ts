import { relative } from 'node:path';
import { ConfigError } from '../../errors';
import { loadConfig } from '../../load/read-config';
import { initTemplates, revisionTemplates, type TemplateInfo } from '../../script/templates';
import { defineCommand } from '../command';
import type { CliIo } from '../io';

export const listTemplatesCommand = defineCommand({
  command: 'list-templates',
  describe: "List the templates for init --template and revision --template (the package's and migrations/templates/)",
  builder: (y) => y,
  run: async (argv, io) => {
    // Outside a project (before init) the package's templates are still worth listing.
    const migrationsDir = await loadConfig({ configPath: argv.config, cwd: io.cwd, url: argv.url, env: io.env, envFile: argv['env-file'] }).then(
      (config) => config.migrationsDir,
      (error: unknown) => {
        if (error instanceof ConfigError && error.code === 'CONFIG_NOT_FOUND' && argv.config === undefined) return undefined;
        throw error;
      },
    );
    printSection(io, 'Project templates (entity-migrate init --template NAME):', initTemplates());
    io.stdout('');
    printSection(io, 'Revision templates (entity-migrate revision --template NAME):', revisionTemplates(migrationsDir));
  },
});

function printSection(io: CliIo, heading: string, templates: readonly TemplateInfo[]): void {
  io.stdout(heading);
  const width = Math.max(...templates.map((t) => t.name.length));
  for (const t of templates) {
    const where = t.from === 'project' ? ` (${relative(io.cwd, t.file) || t.file})` : '';
    io.stdout(`  ${t.name.padEnd(width)}  ${t.description}${where}`);
  }
}
