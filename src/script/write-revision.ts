import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EntityMigrateError } from '../errors';
import { revisionIdProblem } from './revision-id';
import { stringContent, stringLiteral } from './source-text';

/** Where the package's own templates live (same relative spot from src/ and dist/). */
export const PACKAGE_TEMPLATES_DIR = resolve(__dirname, '..', '..', 'templates');

export interface NewRevision {
  message: string;
  downRevisions: readonly string[];
  /** Default: 12 random hex characters. */
  revId?: string;
  /** Template name: `revision` (default) or `seed`, looked up in migrations/templates/ first. */
  template?: string;
  /** Filled by autogenerate: the upgrade/downgrade bodies and the summary comment. */
  upgradeBody?: string;
  downgradeBody?: string;
  summary?: string;
  /**
   * Extra values for custom templates (e.g. `table` for the seed template): text, escaped so that
   * it stays data inside a string literal or a comment (see source-text.ts).
   */
  extra?: Record<string, string>;
  /** Source the caller rendered itself (an import statement, a class name), put in as it is. */
  code?: Record<string, string>;
  /** `export const branchLabels`, written only when given (`revision --branch-label`). */
  branchLabels?: readonly string[];
  /** `export const dependsOn`, written only when given (`revision --depends-on`): revision ids. */
  dependsOn?: readonly string[];
  /** Written by `squash`: the revisions replaced and the checksum the replaced file of this id had (see RevisionModule). */
  squashes?: { revisions: readonly string[]; checksum: string };
}

export function newRevisionId(): string {
  return randomBytes(6).toString('hex');
}

/** `"Add age to User!"` → `add_age_to_user`, short enough for a file name. */
export function slugify(message: string): string {
  const slug = message
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return slug || 'revision';
}

/** Refuse an id given with `--rev-id` (or `revId`) that cannot be a revision's, naming it. */
export function assertRevIdOption(revId: string): void {
  const problem = revisionIdProblem(revId);
  if (problem) throw new EntityMigrateError('REVISION_INVALID', `--rev-id ${revId}: ${problem}`);
}

/** Render a revision file into `versionsDir` and return its path. */
export function writeRevision(versionsDir: string, migrationsDir: string, spec: NewRevision): string {
  const revision = spec.revId ?? newRevisionId();
  assertRevIdOption(revision);
  const file = join(versionsDir, `${revision}_${slugify(spec.message)}.ts`);
  if (existsSync(file)) throw new EntityMigrateError('FILE_EXISTS', `${file} already exists`);
  const templateName = spec.template ?? 'revision';
  // Loaded on use: only commands that write files need a template engine.
  const Handlebars = require('handlebars') as typeof import('handlebars');
  const render = Handlebars.compile(readTemplate(migrationsDir, templateName), { noEscape: true, strict: false });
  const down = spec.downRevisions;
  const squashExports = spec.squashes && renderSquashExports(spec.squashes);
  const branchExports = renderBranchExports(spec);
  const source = render({
    revision,
    downRevisionType: down.length > 1 ? 'string[]' : 'string | null',
    downRevisionLiteral: down.length === 0 ? 'null' : down.length === 1 ? stringLiteral(down[0]!) : `[${down.map(stringLiteral).join(', ')}]`,
    messageLiteral: stringLiteral(spec.message),
    createdAt: new Date().toISOString(),
    upgradeBody: spec.upgradeBody,
    downgradeBody: spec.downgradeBody,
    summary: spec.summary,
    table: 'my_table',
    ...(spec.extra && Object.fromEntries(Object.entries(spec.extra).map(([key, text]) => [key, stringContent(text)]))),
    ...spec.code,
    squashExports,
    branchExports,
  });
  // A template copied before squash or branches existed lacks their exports: they go at the end.
  const missing = [squashExports, branchExports].filter((block): block is string => block !== undefined && !source.includes(block));
  const complete = missing.length > 0 ? `${source.trimEnd()}\n\n${missing.join('\n')}\n` : source;
  mkdirSync(versionsDir, { recursive: true });
  writeFileSync(file, complete.replace(/^\n+/, ''));
  return file;
}

function readTemplate(migrationsDir: string, name: string): string {
  for (const dir of [join(migrationsDir, 'templates'), PACKAGE_TEMPLATES_DIR]) {
    const file = join(dir, `${name}.ts.hbs`);
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  throw new EntityMigrateError(
    'TEMPLATE_NOT_FOUND',
    `No template '${name}': looked for ${name}.ts.hbs in ${join(migrationsDir, 'templates')} and the package's templates`,
  );
}

/** The branch exports a revision has only when set, so plain revisions keep their short header. */
function renderBranchExports(spec: Pick<NewRevision, 'branchLabels' | 'dependsOn'>): string | undefined {
  const lines = [
    ...(spec.branchLabels?.length ? [`export const branchLabels = [${spec.branchLabels.map(stringLiteral).join(', ')}];`] : []),
    ...(spec.dependsOn?.length ? [`export const dependsOn = [${spec.dependsOn.map(stringLiteral).join(', ')}];`] : []),
  ];
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function renderSquashExports(squashes: NonNullable<NewRevision['squashes']>): string {
  return [
    '/** The revisions this one replaced (`entity-migrate squash`); their files went to migrations/squashed/. */',
    `export const squashes = [${squashes.revisions.map(stringLiteral).join(', ')}];`,
    '/** The checksum the replaced file with this id had: databases that ran it recorded that one. */',
    `export const squashedChecksum = ${stringLiteral(squashes.checksum)};`,
  ].join('\n');
}
