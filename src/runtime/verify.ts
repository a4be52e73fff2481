import { describeOp } from '../ops/describe';
import { relative } from 'node:path';
import { DataSource } from 'typeorm';
import { loadAutogenerate } from '../autogenerate/load';
import type { Dialect } from '../dialects';
import { EntityMigrateError } from '../errors';
import type { Op } from '../ops/types';
import type { RevisionGraph } from '../script/revision-graph';
import { givenScratchDatabase } from './given-scratch';
import { diffSnapshots, schemaSnapshot, type SchemaSnapshot } from './schema-snapshot';

export interface VerifyReport {
  /** Revisions checked, in upgrade order. */
  revisions: string[];
  /** Where the scratch database was. */
  scratch: string;
  /**
   * Whether the entities were compared with head. Not when the data source lists none (`entities`
   * absent or empty, as after a `baseline` before any entity exists); a glob that matches nothing
   * is still an error.
   */
  entitiesCompared: boolean;
}

export interface VerifyOptions {
  /**
   * An empty database to verify on instead of one verify creates (for a user who may not create
   * databases): refused unless empty, emptied again at the end, never dropped.
   */
  scratchUrl?: string;
  /**
   * Stops verify (the CLI aborts it on SIGINT/SIGTERM with an InterruptedError as the reason):
   * the scratch database is dropped (or emptied) and the reason is thrown, without waiting for a
   * revision still running on the scratch database.
   */
  signal?: AbortSignal;
}

/** What verify needs of the migrator whose revisions it proves. */
export interface VerifySubject {
  /** Paths in messages are relative to it. */
  readonly cwd: string;
  graph(): RevisionGraph;
  connect(): Promise<DataSource>;
  dialect(): Dialect;
}

/** What verify does on the scratch database: a migrator with the same revisions and tables there. */
export interface ScratchMigrator {
  readonly dataSource: DataSource;
  connect(): Promise<DataSource>;
  /** Tables of ours, left out of the schema snapshots. */
  ownTables(): string[];
  upgrade(target: string): Promise<unknown>;
  downgrade(target: string): Promise<unknown>;
  /** The ops that would bring the database to the entities (none: they agree). */
  check(): Promise<{ ops: readonly Op[] }>;
  close(): Promise<void>;
}

/**
 * Prove the revisions on a scratch database: upgrade one at a time to head, check that the
 * entities then match, downgrade one at a time to base (each downgrade must restore the schema
 * the matching upgrade started from), and upgrade to head again. The first revision that breaks
 * is reported with why; the scratch database is always dropped (a given one emptied), also when
 * `options.signal` stops verify halfway.
 */
export async function verifyRevisions(
  migrator: VerifySubject,
  onScratch: (dataSource: DataSource) => ScratchMigrator,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const { signal } = options;
  signal?.throwIfAborted();
  const dataSource = await migrator.connect();
  const order = migrator.graph().all();
  const scratch = options.scratchUrl
    ? await givenScratchDatabase(dataSource, migrator.dialect(), options.scratchUrl, migrator.cwd)
    : await migrator.dialect().createScratchDatabase(dataSource);
  if (signal?.aborted) {
    await scratch.drop();
    throw signal.reason;
  }
  const scratchMigrator = onScratch(new DataSource(scratch.options));
  const interrupted = whenAborted(signal);
  try {
    return await Promise.race([prove(), interrupted.promise]);
  } catch (error) {
    if (!signal?.aborted) throw error;
    // Dropped first, sessions and all: a revision stuck in a query keeps its connection, which
    // closing the scratch migrator would wait for. The process is about to exit.
    await scratch.drop();
    void scratchMigrator.close().catch(() => undefined);
    throw signal.reason;
  } finally {
    interrupted.dispose();
    if (!signal?.aborted) {
      await scratchMigrator.close();
      await scratch.drop();
    }
  }

  async function prove(): Promise<VerifyReport> {
    const fail = (revision: string, why: string) => {
      const rev = migrator.graph().get(revision);
      return new EntityMigrateError('VERIFY_FAILED', `verify: revision ${revision} (${relative(migrator.cwd, rev.file)}) ${why}`);
    };
    const snapshot = async (): Promise<SchemaSnapshot> => {
      const queryRunner = (await scratchMigrator.connect()).createQueryRunner();
      try {
        // Ours and TypeORM's bookkeeping tables (typeorm_metadata, created with the first view) are
        // not part of the schema a revision describes.
        const ignore = loadAutogenerate().ignoredTables(scratchMigrator.dataSource, scratchMigrator.ownTables());
        return await schemaSnapshot(queryRunner, [...ignore]);
      } finally {
        await queryRunner.release();
      }
    };
    const before = new Map<string, SchemaSnapshot>();
    for (const rev of order) {
      before.set(rev.id, await snapshot());
      await run(() => scratchMigrator.upgrade(rev.id), (why) => fail(rev.id, `fails to upgrade: ${why}`));
    }
    const entities = (dataSource.options as { entities?: unknown }).entities;
    const entitiesCompared = !(entities === undefined || (Array.isArray(entities) && entities.length === 0));
    const pending = order.length > 0 && entitiesCompared ? await scratchMigrator.check() : { ops: [] };
    if (pending.ops.length > 0) {
      const head = order[order.length - 1].id;
      throw fail(
        head,
        `is head, but the entities still differ from the schema the revisions build (${pending.ops.length} op(s): ${pending.ops.slice(0, 3).map(describeOp).join('; ')})`,
      );
    }
    for (const rev of [...order].reverse()) {
      await run(() => scratchMigrator.downgrade('-1'), (why) => fail(rev.id, `fails to downgrade: ${why}`));
      const differences = diffSnapshots(before.get(rev.id)!, await snapshot());
      if (differences.length > 0) {
        throw fail(rev.id, `downgrade does not restore the schema before its upgrade: ${differences.join('; ')}`);
      }
    }
    await run(() => scratchMigrator.upgrade('heads'), (why) => new EntityMigrateError('VERIFY_FAILED', `verify: upgrading again after a full downgrade fails: ${why}`));
    return { revisions: order.map((r) => r.id), scratch: scratch.description, entitiesCompared };
  }
}

/** A promise rejected with the signal's reason once it aborts; `dispose` stops listening. */
function whenAborted(signal: AbortSignal | undefined): { promise: Promise<never>; dispose: () => void } {
  let dispose = () => {};
  const promise = new Promise<never>((_resolve, reject) => {
    if (!signal) return;
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    dispose = () => signal.removeEventListener('abort', onAbort);
  });
  // Never awaited once verify ends the ordinary way.
  promise.catch(() => undefined);
  return { promise, dispose };
}

async function run(fn: () => Promise<unknown>, wrap: (why: string) => Error): Promise<void> {
  try {
    await fn();
  } catch (error) {
    throw wrap(error instanceof Error ? error.message : String(error));
  }
}
