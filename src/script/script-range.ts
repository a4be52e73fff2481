/**
 * `upgrade [START:]END --sql` and `downgrade START:END --sql`: Alembic's offline range. The script
 * goes from START to END and nothing reads the database, so START says where it stands.
 */
import { RevisionGraphError } from '../errors';
import { planDowngrade, planUpgrade, resolveRevisionExpression, type Step } from './plan';
import type { RevisionGraph } from './revision-graph';

export interface ScriptRange {
  /** The revisions the script starts at (empty: base). */
  readonly start: string[];
  /** The steps before START, replayed so the script knows the tables they made, then its own. */
  readonly replay: Step[];
  readonly steps: Step[];
}

/** Whether `target` is written as a range (`A:B`), which only --sql takes. */
export function isRange(target: string): boolean {
  return target.includes(':');
}

/** A range given where a script is not being written: one line saying what to do instead. */
export function rangeWithoutSql(command: 'upgrade' | 'downgrade' | 'stamp', target: string): RevisionGraphError {
  return new RevisionGraphError(
    'INVALID_TARGET',
    `'${command} ${target}' is a range, which only --sql takes (the script from START to END, no database read); to run, name the target alone`,
  );
}

/**
 * The steps of `command START:END --sql` on `graph`. For upgrade an empty START is base; downgrade
 * needs both. Refused with one line naming the range: a malformed one, `current` (which only the
 * database knows), a START or END that is no revision, and a range that goes the other way.
 */
export function planScriptRange(graph: RevisionGraph, command: 'upgrade' | 'downgrade', target: string, shown = target): ScriptRange {
  const parts = target.split(':');
  const refuse = (why: string) => new RevisionGraphError('INVALID_TARGET', `${shown === target ? 'Range' : 'Target'} '${shown}' for ${command} --sql ${why}`);
  if (parts.length !== 2) throw refuse('must be START:END, one colon (e.g. base:head)');
  const [from, to] = parts.map((p) => p.trim()) as [string, string];
  if (to === '') throw refuse(`has no END: write START:END (e.g. ${from || 'base'}:head)`);
  if (from === '' && command === 'downgrade') throw refuse(`has no START: a script reads no database, so write where it starts (e.g. head:${to})`);
  if (from === 'current' || to === 'current') throw refuse(`names 'current', which only the database knows: name a revision (a range reads no database)`);
  const resolve = <T>(side: string, fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof RevisionGraphError) throw refuse(`at its ${side}: ${error.message}`);
      throw error;
    }
  };
  const start = resolve('START', () => resolveRevisionExpression(graph, from || 'base', []));
  const applied = graph.ancestorsOf(start);
  const replay = planUpgrade(graph, [], from || 'base');
  if (command === 'upgrade') {
    const ends = /^[+-]\d+$/.test(to) ? undefined : resolve('END', () => resolveRevisionExpression(graph, to, start));
    const behind = ends?.find((id) => applied.has(id) && !start.includes(id));
    if (behind) throw refuse(`goes back (${behind} comes before ${from}): use 'downgrade ${target} --sql'`);
    return { start, replay, steps: resolve('END', () => planUpgrade(graph, start, to)) };
  }
  const ends = /^[+-]\d+$/.test(to) || to === 'base' ? [] : resolve('END', () => resolveRevisionExpression(graph, to, start));
  const ahead = ends.find((id) => !applied.has(id));
  if (ahead) throw refuse(`goes forward (${ahead} comes after ${from}): use 'upgrade ${target} --sql'`);
  return { start, replay, steps: resolve('END', () => planDowngrade(graph, start, to)) };
}

/**
 * `stamp START:END --sql` (as Alembic's): the version table's rows at START, and the END to stamp.
 * An empty START is base. Refused with one line as upgrade's ranges are.
 */
export function planStampRange(graph: RevisionGraph, target: string): { start: string[]; end: string } {
  const parts = target.split(':').map((p) => p.trim());
  const refuse = (why: string) => new RevisionGraphError('INVALID_TARGET', `Range '${target}' for stamp --sql ${why}`);
  if (parts.length !== 2) throw refuse('must be START:END, one colon (e.g. base:head)');
  const [from, to] = parts as [string, string];
  if (to === '') throw refuse(`has no END: write START:END (e.g. ${from || 'base'}:head)`);
  if (from === 'current' || to === 'current') throw refuse(`names 'current', which only the database knows: name a revision (a range reads no database)`);
  try {
    return { start: resolveRevisionExpression(graph, from || 'base', []), end: to };
  } catch (error) {
    if (error instanceof RevisionGraphError) throw refuse(`at its START: ${error.message}`);
    throw error;
  }
}
