import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * When a SQLite lock row is stale, so that a waiter may take it over.
 *
 * The holder renews `renewed_at` every RENEW_EVERY_MS while it holds the lock; the row is stale
 * once that is older than LEASE_MS (by the waiter's clock: processes sharing a file share a host,
 * or a clock kept by NTP). A holder killed on this host, in this PID namespace, is known dead at
 * once (its pid is gone) and is taken over without waiting for the lease. A pid that is not
 * visible proves nothing when the holder runs in another PID namespace (another container on the
 * same volume, maybe with the same hostname): it only looks gone, so there the lease decides.
 *
 * The lease can lapse under a holder that is alive but blocked longer than LEASE_MS outside its
 * revisions' transactions (inside one, its write lock keeps every other writer out). The version
 * table is the fence for that case: a step checks it moved exactly the row it started from.
 */
export const LEASE_MS = 30_000;
export const RENEW_EVERY_MS = 5_000;

/** A lock row as read. `renewedAt` is null in a row an older entity-migrate wrote (no lease). */
export interface LockHolder {
  owner: string;
  pidNamespace: string | null;
  renewedAt: number | null;
}

export function isStale(holder: LockHolder, now = Date.now()): boolean {
  if (holder.renewedAt !== null && now - holder.renewedAt > LEASE_MS) return true;
  return isKnownDead(holder);
}

/** `host:pid`, as the row names its owner. */
export function ownerName(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * This process's PID namespace (`pid:[inode]` on Linux); elsewhere there are none, so the platform
 * stands for it. Null when Linux does not say: then no pid proves anything.
 */
export function pidNamespace(): string | null {
  if (process.platform !== 'linux') return process.platform;
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
}

/**
 * The owner ran here (host and PID namespace) and its pid is gone. Rows without a lease are judged
 * as older versions judged them, by host and pid alone.
 */
function isKnownDead(holder: LockHolder): boolean {
  const [host, pid] = holder.owner.split(':');
  if (host !== hostname()) return false;
  if (holder.renewedAt !== null && (holder.pidNamespace === null || holder.pidNamespace !== pidNamespace())) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
