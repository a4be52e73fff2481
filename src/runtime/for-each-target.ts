/**
 * Run one piece of work per target (issue 13 §4), at most `concurrency` at a time. One target's
 * failure is recorded and the others go on: each works on its own database or schema, under its
 * own lock, so nothing of one depends on another. A re-run resumes each target where it stopped,
 * since each keeps its own version table.
 */
import { ConfigError } from '../errors';
import type { Target } from '../config/targets';

export type { Target, TargetsInput } from '../config/targets';

/** How one target's work ended. */
export interface TargetOutcome<T> {
  target: Target;
  /** What the work returned, when it succeeded. */
  value?: T;
  /** What it threw, when it failed (then `value` is absent). */
  error?: unknown;
  ok: boolean;
  durationMs: number;
}

/** Default for `--concurrency` and `concurrency`: enough to overlap round trips, few enough for a small server. */
export const DEFAULT_TARGET_CONCURRENCY = 4;

/** `concurrency` checked: a whole number of at least 1. */
export function checkConcurrency(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  throw new ConfigError('CONFIG_INVALID', `${where} must be a whole number >= 1, got ${String(value)}`);
}

/**
 * `work(target)` for every target, `concurrency` at a time, in the targets' order as slots free up.
 * Never throws for a target's failure: the outcomes, in the targets' order, say what happened.
 */
export async function forEachTarget<T>(
  targets: readonly Target[],
  concurrency: number,
  work: (target: Target) => Promise<T>,
  onDone?: (outcome: TargetOutcome<T>) => void,
): Promise<TargetOutcome<T>[]> {
  const outcomes: TargetOutcome<T>[] = new Array(targets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index]!;
      const started = performance.now();
      let outcome: TargetOutcome<T>;
      try {
        const value = await work(target);
        outcome = { target, value, ok: true, durationMs: performance.now() - started };
      } catch (error) {
        outcome = { target, error, ok: false, durationMs: performance.now() - started };
      }
      outcomes[index] = outcome;
      onDone?.(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return outcomes;
}
