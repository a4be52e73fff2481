/**
 * The revision graph, the targets users type (head, base, REV+N, prefixes) and the upgrade and
 * downgrade plans built on it, with revisions made by hand: no database, no files, no processes.
 * Each test names the graph it uses:
 *
 *   linear:  a1 ← b2 ← c3 ← d4
 *   branchy: r0 ← x1 ← x2
 *                ↖ y1          (two heads: x2 and y1)
 *   merged:  branchy + m9 with downRevision [x2, y1]
 */
import { RevisionGraph } from '../../src/script/revision-graph';
import { historyRange } from '../../src/script/history-range';
import { headsAfter, planDowngrade, planUpgrade, resolveRevisionExpression, singleHead, type Step } from '../../src/script/plan';
import type { Revision } from '../../src/script/revision';

const CWD = '/project';

function rev(id: string, ...downRevisions: string[]): Revision {
  return {
    id,
    downRevisions,
    message: `rev ${id}`,
    createdAt: undefined,
    file: `${CWD}/migrations/versions/${id}_rev.ts`,
    upgrade: async () => {},
    downgrade: async () => {},
    checksum: id,
  };
}

const graphOf = (...revisions: Revision[]) => RevisionGraph.build(revisions, CWD);
const linear = () => graphOf(rev('a1'), rev('b2', 'a1'), rev('c3', 'b2'), rev('d4', 'c3'));
const branchy = () => graphOf(rev('r0'), rev('x1', 'r0'), rev('x2', 'x1'), rev('y1', 'r0'));
const merged = () => graphOf(rev('r0'), rev('x1', 'r0'), rev('x2', 'x1'), rev('y1', 'r0'), rev('m9', 'x2', 'y1'));

const ids = (steps: readonly Step[]) => steps.map((s) => `${s.direction}:${s.revision.id}`);
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('building the graph', () => {
  test('heads, bases, parents and children', () => {
    const g = branchy();
    expect(g.size).toBe(4);
    expect(g.heads().map((r) => r.id)).toEqual(['x2', 'y1']);
    expect(g.bases().map((r) => r.id)).toEqual(['r0']);
    expect(g.children('r0').map((r) => r.id)).toEqual(['x1', 'y1']);
    expect(merged().parents('m9').map((r) => r.id)).toEqual(['x2', 'y1']);
    expect(merged().heads().map((r) => r.id)).toEqual(['m9']);
  });

  test('all() puts parents before children, independent branches in id order', () => {
    expect(merged().all().map((r) => r.id)).toEqual(['r0', 'x1', 'x2', 'y1', 'm9']);
    // Input order does not matter.
    const shuffled = graphOf(rev('d4', 'c3'), rev('b2', 'a1'), rev('c3', 'b2'), rev('a1'));
    expect(shuffled.all().map((r) => r.id)).toEqual(['a1', 'b2', 'c3', 'd4']);
  });

  test('ancestors and descendants include the revisions named', () => {
    const g = merged();
    expect([...g.ancestorsOf(['x2'])].sort()).toEqual(['r0', 'x1', 'x2']);
    expect([...g.descendantsOf(['x1'])].sort()).toEqual(['m9', 'x1', 'x2']);
  });

  test('a duplicate id, a missing parent and a cycle are refused with the file named', () => {
    expect(() => graphOf(rev('a1'), rev('a1'))).toThrow(/Revision a1 is defined twice: migrations\/versions\/a1_rev.ts/);
    expect(codeOf(() => graphOf(rev('a1'), rev('a1')))).toBe('DUPLICATE_REVISION');
    expect(codeOf(() => graphOf(rev('a1'), rev('b2', 'zz')))).toBe('MISSING_DOWN_REVISION');
    expect(() => graphOf(rev('a1'), rev('b2', 'zz'))).toThrow('migrations/versions/b2_rev.ts: downRevision zz names no revision file');
    expect(graphOf(rev('a1'), rev('b2')).bases().map((r) => r.id)).toEqual(['a1', 'b2']); // independent branches
    expect(codeOf(() => graphOf(rev('a1'), rev('b2', 'c3'), rev('c3', 'b2')))).toBe('REVISION_CYCLE');
    expect(() => graphOf(rev('a1'), rev('b2', 'c3'), rev('c3', 'b2'))).toThrow(/Revision cycle b2 -> c3 -> b2/);
  });
});

describe('resolving ids and prefixes', () => {
  const g = graphOf(rev('abc111'), rev('abc222', 'abc111'), rev('def333', 'abc222'));

  test('a full id or a unique prefix resolves', () => {
    expect(g.resolve('abc111').id).toBe('abc111');
    expect(g.resolve('d').id).toBe('def333');
    expect(g.resolve('abc2').id).toBe('abc222');
  });

  test('an ambiguous prefix names every match; an unknown one is refused', () => {
    expect(() => g.resolve('abc')).toThrow("Revision prefix 'abc' is ambiguous: it matches abc111, abc222");
    expect(codeOf(() => g.resolve('abc'))).toBe('AMBIGUOUS_REVISION');
    expect(codeOf(() => g.resolve('zzz'))).toBe('UNKNOWN_REVISION');
  });

  test('a full id wins over being a prefix of another id', () => {
    const h = graphOf(rev('ab'), rev('abcd', 'ab'));
    expect(h.resolve('ab').id).toBe('ab');
  });
});

describe('targets users type', () => {
  test('head, heads and base name the head, every head and nothing', () => {
    expect(resolveRevisionExpression(linear(), 'head', [])).toEqual(['d4']);
    expect(resolveRevisionExpression(branchy(), 'heads', [])).toEqual(['x2', 'y1']);
    expect(resolveRevisionExpression(linear(), 'base', [])).toEqual([]);
  });

  test('REV+N and REV-N walk the chain; head-N and current+N anchor on the head and the database', () => {
    const g = linear();
    expect(resolveRevisionExpression(g, 'b2+2', [])).toEqual(['d4']);
    expect(resolveRevisionExpression(g, 'd4-3', [])).toEqual(['a1']);
    expect(resolveRevisionExpression(g, 'c-1', [])).toEqual(['b2']); // prefix anchor
    expect(resolveRevisionExpression(g, 'head-1', [])).toEqual(['c3']);
    expect(resolveRevisionExpression(g, 'current+1', ['b2'])).toEqual(['c3']);
  });

  test('walking past base or head, or across a merge or branch, is refused', () => {
    expect(() => resolveRevisionExpression(linear(), 'b2-2', [])).toThrow("'b2-2' goes past base: b2 has only 1 revision(s) before it");
    expect(() => resolveRevisionExpression(linear(), 'c3+2', [])).toThrow("'c3+2' goes past head: only 1 revision(s) ahead");
    expect(() => resolveRevisionExpression(merged(), 'm9-1', [])).toThrow("'m9-1' is ambiguous: m9 merges x2, y1");
    expect(() => resolveRevisionExpression(branchy(), 'r0+1', [])).toThrow("'r0+1' is ambiguous: the chain branches into x1, y1");
    expect(codeOf(() => resolveRevisionExpression(linear(), 'current+1', []))).toBe('INVALID_TARGET');
  });

  test('an id that looks like REV-N is taken as the id', () => {
    const g = graphOf(rev('a1'), rev('fix-2', 'a1'));
    expect(resolveRevisionExpression(g, 'fix-2', [])).toEqual(['fix-2']);
  });
});

describe('the single head that revision and autogenerate build on', () => {
  test('is refused with no revisions, found with one head, refused naming both of two heads with the merge to run', () => {
    expect(codeOf(() => singleHead(graphOf()))).toBe('INVALID_TARGET');
    expect(singleHead(linear()).id).toBe('d4');
    expect(() => singleHead(branchy())).toThrow(
      `Multiple heads: x2 (migrations/versions/x2_rev.ts) and y1 (migrations/versions/y1_rev.ts); run 'entity-migrate upgrade heads' for all of them, name one branch ('x2@head', 'y1@head'), or join them with 'entity-migrate merge x2 y1 -m "merge heads"'`,
    );
    expect(codeOf(() => singleHead(branchy()))).toBe('MULTIPLE_HEADS');
  });
});

describe('upgrade plans', () => {
  test('head from base runs the whole chain in order; from the head runs nothing', () => {
    expect(ids(planUpgrade(linear(), [], 'head'))).toEqual(['up:a1', 'up:b2', 'up:c3', 'up:d4']);
    expect(planUpgrade(linear(), ['d4'], 'head')).toEqual([]);
  });

  test('+N counts from the current revision', () => {
    expect(ids(planUpgrade(linear(), ['a1'], '+2'))).toEqual(['up:b2', 'up:c3']);
    expect(ids(planUpgrade(linear(), [], '+1'))).toEqual(['up:a1']);
    expect(() => planUpgrade(linear(), ['c3'], '+2')).toThrow("'+2' goes past head: only 1 revision(s) ahead");
    expect(() => planUpgrade(linear(), ['c3'], '-1')).toThrow("'upgrade -1' goes back: use 'downgrade -1'");
  });

  test('a revision by prefix, and a target behind the current revision', () => {
    expect(ids(planUpgrade(linear(), ['a1'], 'c'))).toEqual(['up:b2', 'up:c3']);
    expect(() => planUpgrade(linear(), ['c3'], 'a1')).toThrow("Target a1 is behind the current revision (c3): use 'downgrade a1' to go back");
  });

  test('two heads: head is refused, heads runs both branches, a merge rejoins them', () => {
    expect(codeOf(() => planUpgrade(branchy(), [], 'head'))).toBe('MULTIPLE_HEADS');
    expect(ids(planUpgrade(branchy(), [], 'heads'))).toEqual(['up:r0', 'up:x1', 'up:x2', 'up:y1']);
    expect(ids(planUpgrade(merged(), ['x2'], 'head'))).toEqual(['up:y1', 'up:m9']);
  });
});

describe('downgrade plans', () => {
  test('base undoes everything applied, newest first', () => {
    expect(ids(planDowngrade(linear(), ['c3'], 'base'))).toEqual(['down:c3', 'down:b2', 'down:a1']);
  });

  test('-N and a revision target undo down to it; a target that goes forward or too far is refused', () => {
    expect(ids(planDowngrade(linear(), ['d4'], '-2'))).toEqual(['down:d4', 'down:c3']);
    expect(ids(planDowngrade(linear(), ['d4'], 'b'))).toEqual(['down:d4', 'down:c3']);
    expect(() => planDowngrade(linear(), ['b2'], '-3')).toThrow('Cannot go back 3 revisions: only 2 are applied');
    expect(() => planDowngrade(linear(), ['b2'], '+1')).toThrow("'downgrade +1' goes forward: use 'upgrade +1'");
    expect(() => planDowngrade(linear(), ['b2'], 'd4')).toThrow("Target d4 is ahead of the current revision (b2): use 'upgrade d4'");
  });

  test('downgrading to one parent of a merge undoes what is above it only: the other parent stays (Alembic)', () => {
    expect(ids(planDowngrade(merged(), ['m9'], 'x2'))).toEqual(['down:m9']);
    expect(ids(planDowngrade(merged(), ['m9'], 'x1'))).toEqual(['down:m9', 'down:x2']);
  });
});

describe('the heads after each step', () => {
  test('up replaces the parents with the revision; down restores parents no other head covers', () => {
    const g = merged();
    const step = (id: string, direction: 'up' | 'down'): Step => ({ revision: g.get(id), direction });
    expect(headsAfter(g, ['x2', 'y1'], step('m9', 'up'))).toEqual(['m9']);
    expect(headsAfter(g, ['m9'], step('m9', 'down'))).toEqual(['x2', 'y1']);
    expect(headsAfter(g, ['x2', 'y1'], step('y1', 'down'))).toEqual(['x2']);
    expect(headsAfter(g, ['r0'], step('y1', 'up'))).toEqual(['y1']);
  });
});

/**
 * Branches (issue 12 §2):
 *
 *   core:   c1 ← c2 ← c3            (branchLabels ['core'] on c1)
 *   plugin: p1 ← p2 ← p3            (branchLabels ['plugin'] on p1; p2 dependsOn c2)
 */
function labelled(id: string, labels: string[], down: string[], dependsOn: string[] = []): Revision {
  return { ...rev(id, ...down), branchLabels: labels, dependsOn };
}
const twoBranches = () =>
  graphOf(
    labelled('c1', ['core'], []),
    rev('c2', 'c1'),
    rev('c3', 'c2'),
    labelled('p1', ['plugin'], []),
    labelled('p2', [], ['p1'], ['c2']),
    rev('p3', 'p2'),
  );

describe('branches', () => {
  test('two bases are two branches: a head each, heads runs both, head is refused naming label@head', () => {
    const g = twoBranches();
    expect(g.bases().map((r) => r.id)).toEqual(['c1', 'p1']);
    expect(g.heads().map((r) => r.id)).toEqual(['c3', 'p3']);
    expect(g.labelsOf('p3')).toEqual(['plugin']);
    expect(() => planUpgrade(g, [], 'head')).toThrow("name one branch ('core@head', 'plugin@head')");
    expect(ids(planUpgrade(g, [], 'heads'))).toEqual(['up:c1', 'up:c2', 'up:c3', 'up:p1', 'up:p2', 'up:p3']);
  });

  test('label@head, label@+1, label@-1 and a bare label stay on their branch; dependsOn runs first', () => {
    const g = twoBranches();
    expect(ids(planUpgrade(g, [], 'core@head'))).toEqual(['up:c1', 'up:c2', 'up:c3']);
    expect(ids(planUpgrade(g, [], 'plugin@+1'))).toEqual(['up:p1']);
    expect(ids(planUpgrade(g, ['p1'], 'plugin@+1'))).toEqual(['up:c1', 'up:c2', 'up:p2']);
    expect(ids(planUpgrade(g, ['c3', 'p1'], 'plugin@head'))).toEqual(['up:p2', 'up:p3']);
    expect(resolveRevisionExpression(g, 'plugin', [])).toEqual(['p1']);
    expect(resolveRevisionExpression(g, 'c2@head', [])).toEqual(['c3']);
    expect(ids(planDowngrade(g, ['c3', 'p3'], 'plugin@-1'))).toEqual(['down:p3']);
    expect(() => resolveRevisionExpression(g, 'plugin@c2', [])).toThrow("'plugin@c2': revision c2 is not on branch plugin");
  });

  test('REV@base and label@base undo one branch, with what depends on it; a plain revision target leaves other branches alone', () => {
    const g = twoBranches();
    expect(ids(planDowngrade(g, ['c3', 'p3'], 'p2@base'))).toEqual(['down:p3', 'down:p2', 'down:p1']);
    expect(ids(planDowngrade(g, ['c3', 'p3'], 'core@base'))).toEqual(['down:p3', 'down:p2', 'down:c3', 'down:c2', 'down:c1']);
    expect(ids(planDowngrade(g, ['c3', 'p3'], 'c2'))).toEqual(['down:c3']);
  });

  test('history ranges: label@base:label@head lists one branch; REV@base:REV its line up to REV', () => {
    const g = twoBranches();
    const listed = (range: string, current: string[] = []) => [...historyRange(g, range, current)].sort();
    expect(listed('plugin@base:plugin@head')).toEqual(['p1', 'p2', 'p3']);
    expect(listed('core@base:c2')).toEqual(['c1', 'c2']);
    expect(listed('p2@base:')).toEqual(['p1', 'p2', 'p3']);
    expect(listed('core@base:')).toEqual(['c1', 'c2', 'c3', 'p2', 'p3']);
    expect(() => listed('nope@base:')).toThrow("No revision matches 'nope'");
  });

  test('the version table holds one row per independent branch: a revision depended on is covered', () => {
    const g = twoBranches();
    const step = (id: string, direction: 'up' | 'down'): Step => ({ revision: g.get(id), direction });
    expect(headsAfter(g, ['c1', 'p1'], step('c2', 'up'))).toEqual(['c2', 'p1']);
    expect(headsAfter(g, ['c2', 'p1'], step('p2', 'up'))).toEqual(['p2']);
    expect(headsAfter(g, ['p2'], step('c3', 'up'))).toEqual(['c3', 'p2']);
    expect(headsAfter(g, ['p2'], step('p2', 'down'))).toEqual(['c2', 'p1']);
    // c2 is applied (p2 needs it) though no row names it: upgrading heads is not refused as going back.
    expect(ids(planUpgrade(g, ['p2'], 'heads'))).toEqual(['up:c3', 'up:p3']);
  });

  test('labels are unique, not revision ids, not target words; dependsOn must name something', () => {
    expect(() => graphOf(labelled('a1', ['x'], []), labelled('b1', ['x'], []))).toThrow("migrations/versions/b1_rev.ts: branch label 'x' is also declared by a1");
    expect(() => graphOf(labelled('a1', ['head'], []))).toThrow("branch label 'head' is a word targets use");
    expect(() => graphOf(labelled('a1', ['b1'], []), rev('b1'))).toThrow("branch label 'b1' is also a revision id");
    expect(() => graphOf(labelled('a1', [], [], ['nope']))).toThrow('a1_rev.ts: dependsOn nope names no revision file or branch label');
    expect(graphOf(labelled('a1', ['core'], []), labelled('b1', [], [], ['core'])).requires('b1')).toEqual(['a1']);
  });
});
