import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RevisionGraphError } from '../errors';
import { importModule, loadModule } from '../load/load-module';
import { isEsmFile } from '../load/package-type';
import type { Revision, RevisionModule } from './revision';
import { revisionIdProblem } from './revision-id';
import { RevisionIndex, type RevisionHeader } from './revision-index';

/** File endings a revision may have; `.d.ts` and maps are never revisions. */
const REVISION_FILE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const NOT_A_REVISION = /\.d\.[mc]?ts$|^_|^\./;
/** A branch label: no `@` or `:` (they separate targets and ranges), no spaces, not `head`/`base`-like signs. */
export const BRANCH_LABEL = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * List the revision files in `versionsDir`, sorted by name. A missing folder holds none.
 *
 * A folder named like a revision file (`x.ts/`) is refused, naming it. Alembic skips folders (it
 * reads `os.walk`'s files), but it can also read version folders recursively; ours are flat, so
 * such a folder is an accident, and skipping it could hide a revision someone unpacked into it.
 */
export function listRevisionFiles(versionsDir: string, cwd = process.cwd()): string[] {
  if (!existsSync(versionsDir)) return [];
  // The folder's entries say which are folders: no stat per file, except for a symlink.
  const entries = readdirSync(versionsDir, { withFileTypes: true })
    .filter((entry) => REVISION_FILE.test(entry.name) && !NOT_A_REVISION.test(entry.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const file = join(versionsDir, entry.name);
    const folder = entry.isDirectory() || (entry.isSymbolicLink() && statSync(file, { throwIfNoEntry: false })?.isDirectory());
    if (folder) {
      throw new RevisionGraphError('REVISION_INVALID', `${relative(cwd, file) || file}: a folder, not a revision file; rename it or move it out of the versions folder`);
    }
  }
  return entries.map((entry) => join(versionsDir, entry.name));
}

/**
 * Load and validate every revision file in `versionsDir`. Files the revision index knows (same
 * content, loaded cleanly before) are not executed until one of their functions runs.
 */
export function loadRevisions(versionsDir: string, cwd = process.cwd()): Revision[] {
  const index = RevisionIndex.open(versionsDir);
  const revisions = listRevisionFiles(versionsDir, cwd).map((file) => {
    if (!index) return loadRevision(file, cwd);
    // Unchanged since last seen (same stat): its header, and the file is not even read.
    const stat = statSync(file, { bigint: true });
    const known = index.byStat(file, stat);
    if (known) return deferredRevision(file, known, cwd);
    const key = RevisionIndex.keyOf(readFileSync(file));
    index.remember(file, stat, key);
    const header = index.get(key);
    if (header) return deferredRevision(file, header, cwd);
    const revision = loadRevision(file, cwd);
    index.set(key, {
      id: revision.id,
      downRevisions: [...revision.downRevisions],
      branchLabels: revision.branchLabels && [...revision.branchLabels],
      dependsOn: revision.dependsOn && [...revision.dependsOn],
      message: revision.message,
      createdAt: revision.createdAt,
      checksum: revision.checksum,
      hasDowngrade: revision.downgrade !== undefined,
      squashes: revision.squashes && [...revision.squashes],
      squashedChecksum: revision.squashedChecksum,
    });
    return revision;
  });
  index?.save();
  return revisions;
}

/** A revision known from the index: its module loads on the first call of a function. */
function deferredRevision(file: string, header: RevisionHeader, cwd: string): Revision {
  // An index written before a rule on ids existed may hold an id the rule refuses.
  if (revisionIdProblem(header.id)) assertRevisionId(header.id, relative(cwd, file) || file);
  let loaded: Revision | undefined;
  const load = () => (loaded ??= loadRevision(file, cwd));
  return {
    id: header.id,
    downRevisions: header.downRevisions,
    ...(header.branchLabels && { branchLabels: header.branchLabels }),
    ...(header.dependsOn && { dependsOn: header.dependsOn }),
    message: header.message,
    createdAt: header.createdAt,
    file,
    checksum: header.checksum,
    upgrade: (context) => load().upgrade(context),
    downgrade: header.hasDowngrade ? (context) => load().downgrade!(context) : undefined,
    squashes: header.squashes,
    squashedChecksum: header.squashedChecksum,
    preload: () => {
      try {
        load();
      } catch {
        // Not loaded: the call loads it again and throws this error there, naming the revision.
      }
    },
  };
}

export function loadRevision(file: string, cwd = process.cwd()): Revision {
  const shown = relative(cwd, file) || file;
  const mod = loadModule(file) as Partial<RevisionModule> | undefined;
  const invalid = (why: string) => new RevisionGraphError('REVISION_INVALID', `${shown}: ${why}`);
  if (!mod || typeof mod !== 'object') throw invalid('does not export a revision');
  const { revision, downRevision, upgrade, downgrade } = mod;
  if (typeof revision !== 'string') throw invalid('`export const revision` must be a string of letters, digits, "-" or "_"');
  assertRevisionId(revision, shown);
  const downRevisions = normalizeDownRevision(downRevision);
  if (!downRevisions) throw invalid('`export const downRevision` must be null, a revision id, or an array of ids');
  if (typeof upgrade !== 'function') throw invalid('`export async function upgrade` is missing');
  if (downgrade !== undefined && typeof downgrade !== 'function') throw invalid('`downgrade` is not a function');
  const branchLabels = mod.branchLabels === undefined || mod.branchLabels === null ? [] : normalizeDownRevision(mod.branchLabels);
  if (!branchLabels || branchLabels.some((label) => !BRANCH_LABEL.test(label))) {
    throw invalid('`export const branchLabels` must be an array of names (letters, digits, "-", "_", "."; no "@")');
  }
  const dependsOn = mod.dependsOn === undefined || mod.dependsOn === null ? [] : normalizeDownRevision(mod.dependsOn);
  if (!dependsOn) throw invalid('`export const dependsOn` must be a revision id or branch label, or an array of them');
  const { squashes, squashedChecksum } = mod;
  if (squashes !== undefined && !(Array.isArray(squashes) && squashes.every((id) => typeof id === 'string'))) throw invalid('`export const squashes` must be an array of revision ids');
  if (squashedChecksum !== undefined && typeof squashedChecksum !== 'string') throw invalid('`export const squashedChecksum` must be a string');
  const esm = isEsmFile(file);
  return {
    id: revision,
    downRevisions,
    ...(branchLabels.length > 0 && { branchLabels }),
    ...(dependsOn.length > 0 && { dependsOn }),
    message: typeof mod.message === 'string' ? mod.message : '',
    createdAt: typeof mod.createdAt === 'string' ? mod.createdAt : undefined,
    file,
    upgrade: esm ? fromEsModule(file, 'upgrade', shown) : upgrade,
    downgrade: downgrade && esm ? fromEsModule(file, 'downgrade', shown) : downgrade,
    checksum: checksumOf(upgrade, downgrade),
    ...(squashes && { squashes: [...squashes] }),
    ...(squashedChecksum !== undefined && { squashedChecksum }),
  };
}

/**
 * In an ES module package the app's entities load as ES modules, and a revision that imports one
 * (`getRepository(Author)`) must get that same class, not a CommonJS copy TypeORM has no metadata
 * for. The header is read synchronously (the revision graph is built without awaiting), so the
 * functions that run are taken from the real ES module, imported when first called.
 */
function fromEsModule(file: string, name: 'upgrade' | 'downgrade', shown: string): Revision['upgrade'] {
  return async (context) => {
    const fn = ((await importModule(file)) as Partial<RevisionModule> | undefined)?.[name];
    if (typeof fn !== 'function') throw new RevisionGraphError('REVISION_INVALID', `${shown}: \`${name}\` is not a function`);
    return fn(context);
  };
}

/** A file's id must fit the version table; checked on every load, the revision index's included. */
function assertRevisionId(id: string, shown: string): void {
  const problem = revisionIdProblem(id);
  if (problem) throw new RevisionGraphError('REVISION_INVALID', `${shown}: \`export const revision = '${id}'\`: ${problem}`);
}

function normalizeDownRevision(value: unknown): string[] | undefined {
  if (value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return [...new Set(value as string[])];
  return undefined;
}

/**
 * The checksum covers what runs: the source text of the upgrade and downgrade functions. Editing
 * the message, the imports or a comment outside the two functions does not count as changing an
 * applied revision; any edit inside either function body (a comment there included) does.
 */
function checksumOf(...functions: (Function | undefined)[]): string {
  const hash = createHash('sha256');
  for (const fn of functions) hash.update(fn ? fn.toString() : '-').update('\0');
  return hash.digest('hex').slice(0, 16);
}
