import { relative } from 'node:path';
import { RevisionGraphError } from '../errors';
import type { Revision } from './revision';

/**
 * The revisions as a directed acyclic graph: parents are `downRevision` (the branch's own line) and
 * `dependsOn` (needed first, on another branch). Bases are revisions without a `downRevision`, one
 * per independent branch. Building it validates the
 * whole folder at once so that every command fails early, naming the files at fault.
 */
export class RevisionGraph {
  private readonly byId = new Map<string, Revision>();
  /** Children along `downRevision`: the branch's own line (heads, `label@head`, `REV@base`). */
  private readonly childIds = new Map<string, string[]>();
  /** Children along either edge: `downRevision` and `dependsOn` (what must be undone first). */
  private readonly dependentIds = new Map<string, string[]>();
  /** Every revision's parents along either edge, `dependsOn` labels resolved to the revision that declares them. */
  private readonly parentIds = new Map<string, string[]>();
  /** Branch label → the revision that declares it. */
  private readonly labels = new Map<string, string>();
  private labelsById: Map<string, string[]> | undefined;

  private constructor(
    revisions: readonly Revision[],
    private readonly cwd: string,
  ) {
    for (const rev of revisions) {
      const clash = this.byId.get(rev.id);
      if (clash) {
        throw new RevisionGraphError(
          'DUPLICATE_REVISION',
          `Revision ${rev.id} is defined twice: ${this.show(clash.file)} and ${this.show(rev.file)}`,
        );
      }
      this.byId.set(rev.id, rev);
      this.childIds.set(rev.id, []);
      this.dependentIds.set(rev.id, []);
    }
    for (const rev of revisions) this.addLabels(rev);
    for (const rev of revisions) {
      for (const parent of rev.downRevisions) {
        if (!this.byId.has(parent)) {
          throw new RevisionGraphError(
            'MISSING_DOWN_REVISION',
            `${this.show(rev.file)}: downRevision ${parent} names no revision file`,
          );
        }
        this.childIds.get(parent)!.push(rev.id);
      }
      const dependencies = (rev.dependsOn ?? []).map((name) => {
        const id = this.byId.has(name) ? name : this.labels.get(name);
        if (id === undefined) {
          throw new RevisionGraphError('MISSING_DOWN_REVISION', `${this.show(rev.file)}: dependsOn ${name} names no revision file or branch label`);
        }
        return id;
      });
      const parents = [...new Set([...rev.downRevisions, ...dependencies])];
      this.parentIds.set(rev.id, parents);
      for (const parent of parents) this.dependentIds.get(parent)!.push(rev.id);
    }
    this.assertAcyclic();
  }

  /** A label names one revision, and is neither a revision id nor a word targets use. */
  private addLabels(rev: Revision): void {
    for (const label of rev.branchLabels ?? []) {
      const owner = this.labels.get(label);
      const why =
        owner !== undefined
          ? `is also declared by ${owner} (${this.show(this.byId.get(owner)!.file)})`
          : RESERVED_LABELS.has(label)
            ? `is a word targets use (${[...RESERVED_LABELS].join(', ')})`
            : this.byId.has(label)
              ? `is also a revision id (${this.show(this.byId.get(label)!.file)})`
              : undefined;
      if (why) throw new RevisionGraphError('DUPLICATE_BRANCH_LABEL', `${this.show(rev.file)}: branch label '${label}' ${why}`);
      this.labels.set(label, rev.id);
    }
  }

  static build(revisions: readonly Revision[], cwd = process.cwd()): RevisionGraph {
    return new RevisionGraph(revisions, cwd);
  }

  get size(): number {
    return this.byId.size;
  }

  all(): Revision[] {
    return this.topologicalOrder(new Set(this.byId.keys()));
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): Revision {
    const rev = this.byId.get(id);
    if (!rev) throw new RevisionGraphError('UNKNOWN_REVISION', `No revision ${id} in the versions folder`);
    return rev;
  }

  /** Find a revision by full id or unique prefix. */
  resolve(idOrPrefix: string): Revision {
    const exact = this.byId.get(idOrPrefix);
    if (exact) return exact;
    const matches = [...this.byId.keys()].filter((id) => id.startsWith(idOrPrefix));
    if (matches.length === 1) return this.byId.get(matches[0])!;
    if (matches.length === 0) {
      throw new RevisionGraphError('UNKNOWN_REVISION', `No revision matches '${idOrPrefix}'`);
    }
    throw new RevisionGraphError(
      'AMBIGUOUS_REVISION',
      `Revision prefix '${idOrPrefix}' is ambiguous: it matches ${matches.sort().join(', ')}`,
    );
  }

  children(id: string): Revision[] {
    return (this.childIds.get(id) ?? []).map((c) => this.byId.get(c)!);
  }

  parents(id: string): Revision[] {
    return this.get(id).downRevisions.map((p) => this.byId.get(p)!);
  }

  /** Revisions with no child along `downRevision` (Alembic: a revision others only depend on is still its branch's head). */
  heads(): Revision[] {
    return [...this.byId.values()].filter((r) => this.childIds.get(r.id)!.length === 0).sort(byId);
  }

  /** The revision that declares branch label `label`, if any. */
  labelled(label: string): Revision | undefined {
    const id = this.labels.get(label);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** Every branch label, sorted. */
  branchLabels(): string[] {
    return [...this.labels.keys()].sort();
  }

  /**
   * The revisions on `label`'s branch: the one that declares it, what it descends from and what
   * descends from it along `downRevision` (Alembic carries a label along its branch both ways).
   */
  branchMembers(label: string): Set<string> {
    const declared = this.labels.get(label);
    if (declared === undefined) return new Set();
    return new Set([...this.lineAncestorsOf([declared]), ...this.lineDescendantsOf([declared])]);
  }

  /** The labels whose branch `id` is on, sorted. */
  labelsOf(id: string): string[] {
    // Worked out once per graph: listings ask for every revision's labels.
    if (!this.labelsById) {
      this.labelsById = new Map();
      for (const label of this.branchLabels()) {
        for (const member of this.branchMembers(label)) this.labelsById.set(member, [...(this.labelsById.get(member) ?? []), label]);
      }
    }
    this.get(id);
    return this.labelsById.get(id) ?? [];
  }

  /** Along `downRevision` only: the revisions in `ids` and what they descend from in their own line. */
  lineAncestorsOf(ids: Iterable<string>): Set<string> {
    return this.reach(ids, (id) => this.get(id).downRevisions);
  }

  /** Along `downRevision` only: the revisions in `ids` and their children's children in their own line. */
  lineDescendantsOf(ids: Iterable<string>): Set<string> {
    return this.reach(ids, (id) => (this.get(id), this.childIds.get(id) ?? []));
  }

  /** `downRevision` and `dependsOn` parents: what must be applied before `id`. */
  requires(id: string): readonly string[] {
    this.get(id);
    return this.parentIds.get(id) ?? [];
  }

  bases(): Revision[] {
    return [...this.byId.values()].filter((r) => r.downRevisions.length === 0).sort(byId);
  }

  /** The revisions in `ids` and everything they need applied first (`downRevision` and `dependsOn`). */
  ancestorsOf(ids: Iterable<string>): Set<string> {
    return this.reach(ids, (id) => this.requires(id));
  }

  /** The revisions in `ids` and everything that needs them (`downRevision` and `dependsOn`). */
  descendantsOf(ids: Iterable<string>): Set<string> {
    return this.reach(ids, (id) => (this.get(id), this.dependentIds.get(id) ?? []));
  }

  /**
   * Of an applied set (closed under `ancestorsOf`), the revisions nothing else in it needs: what
   * the version table records, one row per independent branch (a revision another applied one
   * depends on is covered by it, as in Alembic).
   */
  outermost(applied: ReadonlySet<string>): string[] {
    return [...applied].filter((id) => !(this.dependentIds.get(id) ?? []).some((child) => applied.has(child))).sort();
  }

  /**
   * Of `ids`, one that another of them descends from, with that descendant; undefined when none
   * does. A set of heads (what a version table records) never holds such a pair.
   */
  ancestorPair(ids: readonly string[]): { ancestor: string; descendant: string } | undefined {
    for (const descendant of ids) {
      const above = this.ancestorsOf([descendant]);
      const ancestor = ids.find((id) => id !== descendant && above.has(id));
      if (ancestor !== undefined) return { ancestor, descendant };
    }
    return undefined;
  }

  private reach(ids: Iterable<string>, next: (id: string) => readonly string[]): Set<string> {
    const seen = new Set<string>();
    const stack = [...ids];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...next(id));
    }
    return seen;
  }

  /** The revisions in `ids`, parents before children (independent branches in id order, so plans are deterministic). */
  topologicalOrder(ids: Set<string>): Revision[] {
    const ordered: Revision[] = [];
    const placed = new Set<string>();
    const visit = (id: string) => {
      if (placed.has(id)) return;
      placed.add(id);
      for (const parent of this.requires(id)) if (ids.has(parent)) visit(parent);
      ordered.push(this.get(id));
    };
    for (const id of [...ids].sort()) visit(id);
    return ordered;
  }

  private assertAcyclic(): void {
    const state = new Map<string, 'visiting' | 'done'>();
    const path: string[] = [];
    const visit = (id: string) => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') {
        const cycle = [...path.slice(path.indexOf(id)), id];
        const files = [...new Set(cycle)].map((c) => this.show(this.byId.get(c)!.file));
        throw new RevisionGraphError(
          'REVISION_CYCLE',
          `Revision cycle ${cycle.join(' -> ')} (files: ${files.join(', ')})`,
        );
      }
      state.set(id, 'visiting');
      path.push(id);
      for (const parent of this.parentIds.get(id)!) visit(parent);
      path.pop();
      state.set(id, 'done');
    };
    for (const id of [...this.byId.keys()].sort()) visit(id);
  }

  /** A path as users see it: relative to where they ran the command. */
  show(file: string): string {
    return relative(this.cwd, file) || file;
  }
}

/** Words a target may use next to a label (`plugin@head`), so no label may be one. */
const RESERVED_LABELS = new Set(['head', 'heads', 'base', 'current']);

function byId(a: Revision, b: Revision): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
