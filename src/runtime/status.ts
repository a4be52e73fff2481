import type { AutogenerateResult, DestructiveChange } from '../autogenerate';
import type { Op } from '../ops/types';
import { planUpgrade } from '../script/plan';
import type { RevisionGraph } from '../script/revision-graph';
import { changedSinceApplied, type ChangedRevision } from './history-store';

export interface StatusOptions {
  /** Compare the entities with the database (default true). False needs no entities loaded. */
  check?: boolean;
}

/** A revision `upgrade heads` would run. */
export interface PendingRevision {
  id: string;
  message: string;
  file: string;
}

/**
 * Whether entities and database agree. Not compared when asked not to (`skipped`), or when the
 * database is not at head (`not-at-head`): a diff against an older schema would list what the
 * pending revisions already do.
 */
export type EntityComparison =
  | { compared: true; ops: Op[]; destructive: DestructiveChange[] }
  | { compared: false; reason: 'skipped' | 'not-at-head' };

/** "Where am I": the database against the revision files and the entities. */
export interface StatusReport {
  /** Whether the version table exists (a database without one is at base). */
  versionTable: boolean;
  /** The revisions the version table records, sorted; empty at base. */
  current: string[];
  /** Of `current`, those no revision file has (a deleted file, another branch's database). */
  unknown: string[];
  /** Of `unknown`, those a squash replaced: id → the squash revision's id. */
  squashedInto: Record<string, string>;
  /** The revision graph's heads, sorted. */
  heads: string[];
  /** Every head of the graph is applied (every one of them, when there are several branches). */
  atHead: boolean;
  /**
   * What `upgrade heads` would run, in that order (newest last). Null when the database records a
   * revision no file has: where it stands in the graph, and so what is pending, cannot be told.
   */
  pending: PendingRevision[] | null;
  /** Applied revisions whose file changed since they ran (history checksums), oldest first. */
  changed: ChangedRevision[];
  entities: EntityComparison;
  /** At head, every recorded revision known, no file changed, and no entity drift found. */
  upToDate: boolean;
}

/** What the database holds of ours, read in one go. */
export interface RecordedState {
  versionTable: boolean;
  /** Sorted, unvalidated: revisions no file has are kept, for the report to name. */
  heads: string[];
  /** The checksum each revision had when it was last upgraded. */
  checksums: ReadonlyMap<string, string>;
}

/** What status needs of the migrator. */
export interface StatusSubject {
  graph(): RevisionGraph;
  readRecorded(): Promise<RecordedState>;
  /** The entities compared with the database, which is at head. */
  check(): Promise<AutogenerateResult>;
}

/**
 * The database's revisions, the heads, what is pending, which applied files changed, and (when
 * asked and the database is at head) whether the entities agree with the database. Reports a
 * database recorded at an unknown revision rather than failing: status is where one looks to
 * find out what to `stamp`.
 */
export async function readStatus(subject: StatusSubject, options: StatusOptions = {}): Promise<StatusReport> {
  const graph = subject.graph();
  const recorded = await subject.readRecorded();
  const current = recorded.heads;
  const unknown = current.filter((id) => !graph.has(id));
  const known = current.filter((id) => graph.has(id));
  const heads = graph.heads().map((r) => r.id);
  // Every head applied: recorded, or (a head another branch depends on) covered by a recorded one.
  const applied = graph.ancestorsOf(known);
  const atHead = unknown.length === 0 && heads.every((id) => applied.has(id));
  const pending =
    unknown.length > 0
      ? null
      : planUpgrade(graph, known, 'heads').map(({ revision }) => ({ id: revision.id, message: revision.message, file: revision.file }));
  const changed = changedSinceApplied(graph, known, recorded.checksums);
  const entities: EntityComparison =
    options.check === false
      ? { compared: false, reason: 'skipped' }
      : !atHead
        ? { compared: false, reason: 'not-at-head' }
        : await compareEntities(subject);
  const inSync = !entities.compared || entities.ops.length === 0;
  const squashedInto = Object.fromEntries(
    unknown.flatMap((id) => graph.all().filter((r) => r.squashes?.includes(id)).map((r) => [id, r.id] as const)),
  );
  return {
    versionTable: recorded.versionTable,
    current,
    unknown,
    squashedInto,
    heads,
    atHead,
    pending,
    changed,
    entities,
    upToDate: atHead && changed.length === 0 && inSync,
  };
}

async function compareEntities(subject: StatusSubject): Promise<EntityComparison> {
  const { ops, destructive } = await subject.check();
  return { compared: true, ops, destructive };
}
