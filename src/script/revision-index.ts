import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCacheDir, transpileCacheDir } from '../load/transpile';

/** What listing commands need to know of a revision, without running its file. */
export interface RevisionHeader {
  id: string;
  downRevisions: string[];
  /** Absent in indexes written before branches existed, and when the file sets none. */
  branchLabels?: string[];
  dependsOn?: string[];
  message: string;
  createdAt: string | undefined;
  checksum: string;
  hasDowngrade: boolean;
  /** Absent in indexes written before squash existed. */
  squashes?: string[];
  squashedChecksum?: string;
}

/**
 * Headers of revision files that loaded cleanly before, keyed by a hash of the file's content,
 * next to the transpile cache. With them `current`, `history` and `heads` build the graph without
 * executing 500 modules, and `upgrade` executes only the revisions it runs. A file whose content
 * changed, or that never loaded cleanly (a syntax error), is not in the index and is loaded, so
 * its errors surface exactly as before.
 */
export class RevisionIndex {
  private readonly used = new Map<string, RevisionHeader>();
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly known: Record<string, RevisionHeader>,
  ) {}

  /** The index of one versions folder, or undefined when caching is off. */
  static open(versionsDir: string): RevisionIndex | undefined {
    const cacheDir = transpileCacheDir();
    if (!cacheDir) return undefined;
    // v2: headers carry branchLabels and dependsOn; an older index would drop them silently.
    const name = `revisions-v2-${createHash('sha1').update(versionsDir).digest('hex').slice(0, 16)}.json`;
    const file = join(cacheDir, name);
    let known: Record<string, RevisionHeader> = {};
    try {
      known = JSON.parse(readFileSync(file, 'utf8')) as Record<string, RevisionHeader>;
    } catch {
      // No index yet, or an unreadable one: start afresh.
    }
    return new RevisionIndex(file, known);
  }

  static keyOf(source: Buffer): string {
    return createHash('sha1').update(source).digest('hex');
  }

  get(key: string): RevisionHeader | undefined {
    const header = this.known[key];
    if (header) this.used.set(key, header);
    return header;
  }

  set(key: string, header: RevisionHeader): void {
    this.used.set(key, header);
    this.dirty = true;
  }

  /** Keep the headers of the files seen in this load, and nothing else. */
  save(): void {
    if (!this.dirty && this.used.size === Object.keys(this.known).length) return;
    try {
      createCacheDir(join(this.file, '..'));
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(Object.fromEntries(this.used)));
      renameSync(temporary, this.file);
    } catch {
      // A read-only cache only costs speed.
    }
  }
}
