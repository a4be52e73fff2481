import { relative } from 'node:path';
import { RevisionGraphError } from '../errors';
import type { Revision } from './revision';

/**
 * The revisions as a directed acyclic graph (parent = downRevision). Building it validates the
 * whole folder at once so that every command fails early, naming the files at fault.
 */
export class RevisionGraph {
  private readonly byId = new Map<string, Revision>();
  private readonly childIds = new Map<string, string[]>();

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
    }
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
    }
    this.assertAcyclic();
    const bases = this.bases();
    if (bases.length > 1) {
      throw new RevisionGraphError(
        'MULTIPLE_BASES',
        `More than one base revision (downRevision: null): ${bases.map((r) => `${r.id} (${this.show(r.file)})`).join(', ')}`,
      );
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

  heads(): Revision[] {
    return [...this.byId.values()].filter((r) => this.childIds.get(r.id)!.length === 0).sort(byId);
  }

  bases(): Revision[] {
    return [...this.byId.values()].filter((r) => r.downRevisions.length === 0).sort(byId);
  }

  /** The revisions in `ids` and everything they descend from. */
  ancestorsOf(ids: Iterable<string>): Set<string> {
    return this.reach(ids, (id) => this.get(id).downRevisions);
  }

  /** The revisions in `ids` and everything descending from them. */
  descendantsOf(ids: Iterable<string>): Set<string> {
    return this.reach(ids, (id) => (this.get(id), this.childIds.get(id) ?? []));
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
      for (const parent of this.get(id).downRevisions) if (ids.has(parent)) visit(parent);
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
      for (const parent of this.byId.get(id)!.downRevisions) visit(parent);
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

function byId(a: Revision, b: Revision): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
