import { OpError } from '../errors';
import type { Op } from '../ops/types';

/**
 * The ops a revision has started and not yet seen finish. A revision whose `upgrade()` returns
 * while one still runs did not await it: left alone, the op would run on into the bookkeeping and
 * COMMIT, or after the connection is released (a crash, or a change no transaction holds).
 */
export class PendingOps {
  private readonly running = new Map<Promise<void>, Op>();
  private closed = false;

  constructor(private readonly revision: string) {}

  /**
   * Run `execute` for `op`, tracked. Once the revision has returned, a late op is refused, and
   * the error of one left running is dropped: the revision fails as "not awaited" instead, and
   * nobody awaits that promise (it would crash the process as an unhandled rejection).
   */
  run(op: Op, execute: () => Promise<void>): Promise<void> {
    if (this.closed) {
      return Promise.reject(new OpError('OP_INVALID', `Revision ${this.revision}: op.${op.kind}() was called after the revision returned (not awaited)`));
    }
    const done = execute();
    this.running.set(done, op);
    return done.then(
      () => void this.running.delete(done),
      (error: unknown) => {
        this.running.delete(done);
        if (!this.closed) throw error;
      },
    );
  }

  /**
   * Called when the revision's function has returned (or thrown): wait until every op it left
   * running has settled, so that nothing more reaches the connection after this, and return the
   * first of them (undefined when it awaited all its ops).
   */
  async close(): Promise<Op | undefined> {
    this.closed = true;
    const [first] = this.running.values();
    await Promise.allSettled(this.running.keys());
    return first;
  }
}

/** The error of a revision that returned while `op` still ran. */
export function notAwaited(op: Op, fn: 'upgrade' | 'downgrade'): OpError {
  return new OpError('OP_INVALID', `not awaited: ${fn}() returned while op.${op.kind}() still ran; put 'await' before it`);
}
