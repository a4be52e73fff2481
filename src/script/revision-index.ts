import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, type BigIntStats } from 'node:fs';
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

/** A file as last seen: its stat signature and the content key it had then. */
interface SeenFile {
  stat: string;
  key: string;
}

interface IndexFile {
  headers: Record<string, RevisionHeader>;
  files: Record<string, SeenFile>;
}

/**
 * A file's stat is trusted only when its last change is this much older than the moment it is
 * recorded (git's "racily clean" rule): an edit in the same clock tick as the recorded one, keeping
 * the size, would otherwise look unchanged. 2 s covers the coarsest timestamps (FAT's).
 */
const SETTLED_MS = 2000n;

/**
 * Headers of revision files that loaded cleanly before, keyed by a hash of the file's content,
 * next to the transpile cache. With them `current`, `history` and `heads` build the graph without
 * executing 500 modules, and `upgrade` executes only the revisions it runs. A file whose content
 * changed, or that never loaded cleanly (a syntax error), is not in the index and is loaded, so
 * its errors surface exactly as before.
 *
 * Each file's stat (size, modification and change times, inode) is kept beside the key its
 * content had, so that an app starting at head reads 500 stats, not 500 files: any write to a file
 * changes its change time, and a file with another stat is read and hashed as before.
 */
export class RevisionIndex {
  private readonly usedHeaders = new Map<string, RevisionHeader>();
  private readonly usedFiles = new Map<string, SeenFile>();
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly known: IndexFile,
  ) {}

  /** The index of one versions folder, or undefined when caching is off. */
  static open(versionsDir: string): RevisionIndex | undefined {
    const cacheDir = transpileCacheDir();
    if (!cacheDir) return undefined;
    // v3: { headers, files }, the files' stats beside v2's headers (which carry branchLabels and dependsOn).
    const name = `revisions-v3-${createHash('sha1').update(versionsDir).digest('hex').slice(0, 16)}.json`;
    const file = join(cacheDir, name);
    let known: IndexFile = { headers: {}, files: {} };
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<IndexFile>;
      known = { headers: parsed.headers ?? {}, files: parsed.files ?? {} };
    } catch {
      // No index yet, or an unreadable one: start afresh.
    }
    return new RevisionIndex(file, known);
  }

  static keyOf(source: Buffer): string {
    return createHash('sha1').update(source).digest('hex');
  }

  /** The header of `path` when its stat is the one recorded with it: the file need not be read. */
  byStat(path: string, stat: BigIntStats): RevisionHeader | undefined {
    const seen = this.known.files[path];
    if (!seen || seen.stat !== signature(stat)) return undefined;
    const header = this.get(seen.key);
    if (header) this.usedFiles.set(path, seen);
    return header;
  }

  get(key: string): RevisionHeader | undefined {
    const header = this.known.headers[key];
    if (header) this.usedHeaders.set(key, header);
    return header;
  }

  set(key: string, header: RevisionHeader): void {
    this.usedHeaders.set(key, header);
    this.dirty = true;
  }

  /** `path`, as `stat` shows it, holds the content hashed to `key` (not kept while the file may still be changing). */
  remember(path: string, stat: BigIntStats, key: string): void {
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    if (nowNs - stat.ctimeNs < SETTLED_MS * 1_000_000n || nowNs - stat.mtimeNs < SETTLED_MS * 1_000_000n) return;
    this.usedFiles.set(path, { stat: signature(stat), key });
    this.dirty = true;
  }

  /** Keep the headers and stats of the files seen in this load, and nothing else. */
  save(): void {
    const unchanged =
      this.usedHeaders.size === Object.keys(this.known.headers).length && this.usedFiles.size === Object.keys(this.known.files).length;
    if (!this.dirty && unchanged) return;
    try {
      createCacheDir(join(this.file, '..'));
      const temporary = `${this.file}.${process.pid}.tmp`;
      const content: IndexFile = { headers: Object.fromEntries(this.usedHeaders), files: Object.fromEntries(this.usedFiles) };
      writeFileSync(temporary, JSON.stringify(content));
      renameSync(temporary, this.file);
    } catch {
      // A read-only cache only costs speed.
    }
  }
}

/** What changes whenever the file is written, replaced or touched. */
function signature(stat: BigIntStats): string {
  return `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}`;
}
