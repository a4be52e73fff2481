/**
 * Stop a migration run inside a revision, holding its migration lock, while the test does
 * something else: the revision touches a table (`gate`) that the test has locked on its own
 * connection, and waits there until the test opens the gate.
 */
import type { DataSource } from 'typeorm';
import { withConnection, type TestDatabase } from './databases';
import { waitFor } from './wait-for';

export interface Gate {
  /** Statements that lock the gate table, run on the test's connection. */
  close: string[];
  /** Statements that unlock it again. */
  open: string[];
  /** Whether a statement of another session waits on the gate. */
  waiting(ds: DataSource): Promise<boolean>;
}

/**
 * Start `run` with the gate closed, wait until it stops there, run `meanwhile`, then open the gate
 * and let `run` finish. Returns what each gave (`run`'s error as its value).
 */
export async function whileStoppedAtGate<T>(db: TestDatabase, gate: Gate, run: () => Promise<unknown>, meanwhile: () => Promise<T>): Promise<{ run: unknown; meanwhile: T }> {
  return withConnection(db, async (ds) => {
    const holder = ds.createQueryRunner();
    await holder.connect();
    let running: Promise<unknown> = Promise.resolve();
    try {
      for (const sql of gate.close) await holder.query(sql);
      running = run().catch((error: unknown) => error);
      await waitFor('the run stopped at the gate', () => gate.waiting(ds));
      const result = await meanwhile();
      return { run: await openAndFinish(), meanwhile: result };
    } finally {
      await openAndFinish();
    }

    async function openAndFinish(): Promise<unknown> {
      if (!holder.isReleased) {
        for (const sql of gate.open) await holder.query(sql).catch(() => undefined);
        await holder.release();
      }
      return running;
    }
  });
}
