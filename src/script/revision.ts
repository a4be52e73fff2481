import type { MigrationContext } from './migration-context';

/** One revision file, loaded and validated. */
export interface Revision {
  /** 12 hex characters by default; any id a user chose with `--rev-id` (see revision-id.ts). */
  readonly id: string;
  /** Parents: none for a base, one normally, two or more for a merge revision. */
  readonly downRevisions: readonly string[];
  /** Names for the branch this revision starts or belongs to (`plugin@head`); see revision-graph.ts. */
  readonly branchLabels?: readonly string[];
  /**
   * Revisions (ids or branch labels) that must be applied before this one, usually on another
   * branch, without joining the branches: they are not parents for `heads` or the branch's line.
   */
  readonly dependsOn?: readonly string[];
  readonly message: string;
  readonly createdAt: string | undefined;
  /** Absolute path of the file. */
  readonly file: string;
  readonly upgrade: (context: MigrationContext) => Promise<void>;
  readonly downgrade: ((context: MigrationContext) => Promise<void>) | undefined;
  /** Hash of the upgrade and downgrade functions' source (see load-revisions.ts), recorded in the history table when the revision runs. */
  readonly checksum: string;
  /** A squash revision (see runtime/squash.ts): the ids it replaced, oldest first. */
  readonly squashes?: readonly string[];
  /** A squash revision: the checksum its id's pre-squash file had, which databases that ran that file recorded. */
  readonly squashedChecksum?: string;
  /**
   * Loads the module of a revision known from the index ahead of its first call, so that the
   * runner can do it while the previous revision waits on the database. Never throws: a module
   * that fails to load fails again, with its error, when the revision is called.
   */
  readonly preload?: () => void;
}

/** Shape of the exports a revision file must have (see DESIGN.md section 4). */
export interface RevisionModule {
  revision: string;
  downRevision: string | readonly string[] | null;
  /** Labels naming the branch this revision belongs to: `export const branchLabels = ['plugin']`. */
  branchLabels?: readonly string[];
  /** Revisions (ids or branch labels) on other branches this one needs applied first. */
  dependsOn?: string | readonly string[];
  message?: string;
  createdAt?: string;
  upgrade: (context: MigrationContext) => Promise<void>;
  downgrade?: (context: MigrationContext) => Promise<void>;
  /**
   * Written by `squash`: the revisions this one replaced (base..its own id), whose files moved to
   * `migrations/squashed/`. A database recorded at one of them is told to upgrade with those first.
   */
  squashes?: readonly string[];
  /** Written by `squash`: the checksum of the file this revision's id had before (see `Revision.squashedChecksum`). */
  squashedChecksum?: string;
}
