import { loadAutogenerate } from '../autogenerate/load';
import type { AutogenerateResult, ConfirmRename, RenameHint } from '../autogenerate';
import { StateError } from '../errors';
import type { Migrator } from './migrator';

export interface AutogenerateOptions {
  /** `--rename` answers given ahead of time. */
  renames?: readonly RenameHint[];
  /** Asked for each rename candidate no hint answers (the CLI prompts on a TTY). */
  confirmRename?: ConfirmRename;
}

/**
 * Compare the entities with the database, refusing when the database is not at head: a diff
 * against an older schema would repeat changes that pending revisions already make (the trap of
 * TypeORM #5203).
 */
export async function autogenerateAgainstHead(
  migrator: Migrator,
  options: AutogenerateOptions,
): Promise<AutogenerateResult> {
  const graphHeads = migrator.heads().map((r) => r.id);
  const current = (await migrator.current()).map((r) => r.id);
  const atHead = graphHeads.length === current.length && graphHeads.every((h) => current.includes(h));
  if (!atHead) {
    throw new StateError(
      'NOT_AT_HEAD',
      `The database is at ${current.join(', ') || 'base'} but the head is ${graphHeads.join(', ')}: ` +
        `run 'entity-migrate upgrade head' first, so the diff does not repeat pending revisions`,
    );
  }
  return loadAutogenerate().compareSchema(migrator.dataSource, {
    renames: options.renames,
    confirmRename: options.confirmRename,
    ignoreTables: migrator.ownTables(),
    ...migrator.tablePatterns,
  });
}
