import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EntityMigrateError } from '../errors';
import { PACKAGE_TEMPLATES_DIR } from './write-revision';

/** One template a user can name: `init --template NAME` or `revision --template NAME`. */
export interface TemplateInfo {
  name: string;
  /** The template's first `{{!-- … --}}` comment, its one-line description. */
  description: string;
  file: string;
  /** The package's own, or the project's `migrations/templates/` (which wins on a shared name). */
  from: 'package' | 'project';
}

/** Templates the package renders itself (import-typeorm), never named by users. */
const INTERNAL = new Set(['typeorm-migration']);
const INIT_DIR = join(PACKAGE_TEMPLATES_DIR, 'init');
const INIT_PREFIX = 'entity-migrate.config.';

/** The scaffolds `init --template NAME` writes: `ts` (the default) and `json`. */
export function initTemplates(): TemplateInfo[] {
  return readdirSync(INIT_DIR)
    .filter((f) => f.startsWith(INIT_PREFIX) && f.endsWith('.hbs'))
    .map((f) => describeTemplate(f.slice(INIT_PREFIX.length, -'.hbs'.length), join(INIT_DIR, f), 'package'))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The init scaffold called `name`; an unknown name is refused, listing the ones there are. */
export function initTemplate(name: string): TemplateInfo {
  const templates = initTemplates();
  const found = templates.find((t) => t.name === name);
  if (!found) {
    throw new EntityMigrateError(
      'TEMPLATE_NOT_FOUND',
      `No init template '${name}': choose one of ${templates.map((t) => t.name).join(', ')} (entity-migrate list-templates describes them)`,
    );
  }
  return found;
}

/** What `revision --template NAME` can use: the package's, and the project's in `migrationsDir/templates`. */
export function revisionTemplates(migrationsDir: string | undefined): TemplateInfo[] {
  const byName = new Map<string, TemplateInfo>();
  const add = (dir: string, from: TemplateInfo['from']) => {
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts.hbs'))) {
      const name = f.slice(0, -'.ts.hbs'.length);
      if (from === 'package' && INTERNAL.has(name)) continue;
      byName.set(name, describeTemplate(name, join(dir, f), from));
    }
  };
  add(PACKAGE_TEMPLATES_DIR, 'package');
  if (migrationsDir !== undefined) add(join(migrationsDir, 'templates'), 'project');
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function describeTemplate(name: string, file: string, from: TemplateInfo['from']): TemplateInfo {
  const comment = /\{\{!--\s*([\s\S]*?)\s*--~?\}\}/.exec(readFileSync(file, 'utf8'));
  const description = comment ? comment[1]!.split('\n')[0]!.trim() : from === 'project' ? 'your own template' : '';
  return { name, description, file, from };
}
