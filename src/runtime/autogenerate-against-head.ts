import type { DataSource } from 'typeorm';
import { loadAutogenerate } from '../autogenerate/load';
import type { AutogenerateResult, ConfirmRename, RenameHint } from '../autogenerate';
import type { TablePatterns } from '../config/types';
import { StateError } from '../errors';

export interface AutogenerateOptions {
  /** `--rename` answers given ahead of time. */
  renames?: readonly RenameHint[];
  /** Asked for each rename candidate no hint answers (the CLI prompts on a TTY). */
  confirmRename?: ConfirmRename;
  /** Online mode (`revision --online`); absent: the config's `online`. */
  online?: boolean;
}

/** What comparing against head needs to know of a migrator. */
export interface HeadComparison extends TablePatterns {
  /** Initialized, with its entities. */
  dataSource: DataSource;
  /** The revision graph's heads. */
  graphHeads: readonly string[];
  /** The heads the database's version table records. */
  currentHeads: readonly string[];
  /** Tables of ours (version, history, lock), never part of the diff. */
  ownTables: readonly string[];
  /** A constraint or index renamed alone is a change. */
  strictNames: boolean;
  /** The config's `online`. */
  online: boolean;
}

/**
 * Compare the entities with the database, refusing when the database is not at head: a diff
 * against an older schema would repeat changes that pending revisions already make (the trap of
 * TypeORM #5203).
 */
export async function autogenerateAgainstHead(
  { dataSource, graphHeads, currentHeads: current, ownTables, include, exclude, strictNames, online }: HeadComparison,
  options: AutogenerateOptions,
): Promise<AutogenerateResult> {
  const atHead = graphHeads.length === current.length && graphHeads.every((h) => current.includes(h));
  if (!atHead) {
    throw new StateError(
      'NOT_AT_HEAD',
      `The database is at ${current.join(', ') || 'base'} but the head is ${graphHeads.join(', ')}: ` +
        `run 'entity-migrate upgrade head' first, so the diff does not repeat pending revisions`,
    );
  }
  return loadAutogenerate().compareSchema(dataSource, {
    renames: options.renames,
    confirmRename: options.confirmRename,
    ignoreTables: ownTables,
    include,
    exclude,
    strictNames,
    online: options.online ?? online,
  });
}
