import { formatBytes, maxInputBytes } from '../../io/decode-text';
import { InputError } from '../../model/errors';
import { normalizeBundlePath, pathCollisionKey, quotedPath } from './bundle-path';
import { archiveSignatureEntryProblem } from './signatures';

/** More entries than any real bundle has; bounds the work a hostile archive can cause. */
export const MAX_ARCHIVE_ENTRIES = 10_000;

export type ArchiveEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'device' | 'unsupported';

/** What one pass over an archive found. */
export interface ArchiveScan {
  /** Every regular file in the archive, by normalized bundle path. */
  readonly paths: ReadonlySet<string>;
  /** The contents of the selected files. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** Selected files over the byte cap their selection gave (not kept), with their size. */
  readonly oversized: ReadonlyMap<string, number>;
  /** Entries of a signatures/ folder that are not plain files with printable names (raw name → why): signature problems, not archive errors. */
  readonly signatureProblems: ReadonlyMap<string, string>;
}

/** Which files to keep: true (whole), a number (only when at most that many bytes: small hostile files), or false. */
export type ArchiveSelect = (path: string) => boolean | number;

/** Reads one archive: `select` says which files to keep; `onKept` sees each kept file as soon as it is complete. */
export type ArchiveScanner = (
  archive: string,
  select: ArchiveSelect,
  onKept?: (path: string, bytes: Uint8Array) => void,
) => Promise<ArchiveScan>;

export interface EntrySink {
  write(chunk: Uint8Array): void;
  end(): void;
}

/**
 * Applies the same rules to every archive format, entry by entry: safe paths only, regular
 * files and folders only, at most MAX_ARCHIVE_ENTRIES, and a byte budget. Sizes written in
 * headers are checked up front (cheap rejection) but never trusted: the bytes actually
 * decompressed are counted, so a bomb stops while inflating. Only selected files are kept.
 */
export class ArchiveCollector {
  private readonly limit = maxInputBytes();
  private entries = 0;
  private declaredTotal = 0;
  private realTotal = 0;
  private readonly paths = new Set<string>();
  private readonly byCollisionKey = new Map<string, string>();
  private readonly folderKeys = new Set<string>();
  private readonly files = new Map<string, Uint8Array>();
  private readonly oversized = new Map<string, number>();
  private readonly signatureProblems = new Map<string, string>();

  constructor(
    private readonly archive: string,
    private readonly select: ArchiveSelect,
    private readonly onKept?: (path: string, bytes: Uint8Array) => void,
  ) {}

  /** Checks and registers an entry; returns its normalized path if it is a regular file, else null. */
  entry(rawName: string, type: ArchiveEntryType, declaredSize: number): string | null {
    if (++this.entries > MAX_ARCHIVE_ENTRIES) this.fail(rawName, `the archive has more than ${MAX_ARCHIVE_ENTRIES} entries`);
    // A bad signature file never blocks the import (as from a folder): it is never unpacked nor digested, only reported.
    const signatureProblem = archiveSignatureEntryProblem(rawName, type);
    if (signatureProblem !== null) {
      this.signatureProblems.set(rawName, signatureProblem);
      return null;
    }
    if (type === 'symlink' || type === 'hardlink') this.fail(rawName, `${type === 'symlink' ? 'symbolic' : 'hard'} links are not allowed in a bundle`);
    if (type === 'device') this.fail(rawName, 'device, FIFO and socket entries are not allowed in a bundle');
    if (type === 'unsupported') this.fail(rawName, 'unsupported entry type (only files and folders are allowed)');
    const p = normalizeBundlePath(rawName, { folder: type === 'directory' });
    if (!p.ok) {
      // `tar -C dir .` writes the root itself as "./": harmless.
      if (type === 'directory' && /^\.\/?$/.test(rawName)) return null;
      this.fail(rawName, p.reason);
    }
    if (type === 'directory') return null;
    const key = pathCollisionKey(p.path);
    const other = this.byCollisionKey.get(key);
    const twice = this.paths.has(p.path) ? 'the archive holds this path twice' : other !== undefined ? `same file as ${quotedPath(other)} on a case-insensitive or Unicode-normalizing file system` : null;
    if (twice !== null && archiveSignatureEntryProblem(p.path, 'file', true) !== null) {
      this.signatureProblems.set(rawName, twice);
      return null;
    }
    if (twice !== null) this.fail(rawName, twice);
    this.checkFileVersusFolder(rawName, key);
    this.byCollisionKey.set(key, p.path);
    this.paths.add(p.path);
    this.checkSize(rawName, declaredSize, (this.declaredTotal += declaredSize));
    return p.path;
  }

  /**
   * `a` as a file and `a/b` as a file cannot both be unpacked: one replaces the other, so the
   * files the reviewer saw would not be the files applied.
   */
  private checkFileVersusFolder(rawName: string, key: string): void {
    if (this.folderKeys.has(key)) this.fail(rawName, 'is a file, but other entries use it as a folder');
    const segments = key.split('/');
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      const file = this.byCollisionKey.get(folder);
      if (file !== undefined) this.fail(rawName, `is inside ${quotedPath(file)}, which is a file`);
      this.folderKeys.add(folder);
    }
  }

  isSelected(path: string | null): path is string {
    return path !== null && this.select(path) !== false;
  }

  /**
   * A sink for an entry's content: it must be fed every decompressed byte of the entry (also
   * of entries not kept, so the byte budget covers the whole archive). Keeps selected files.
   */
  sink(rawName: string, path: string | null): EntrySink {
    const selected = path === null ? false : this.select(path);
    const cap = typeof selected === 'number' ? selected : Infinity;
    let keep = path !== null && selected !== false;
    let chunks: Uint8Array[] = [];
    let size = 0;
    return {
      write: (chunk) => {
        size += chunk.length;
        this.realTotal += chunk.length;
        this.checkSize(rawName, size, this.realTotal);
        if (keep && size > cap) {
          keep = false;
          chunks = [];
        }
        if (keep) chunks.push(chunk);
      },
      end: () => {
        if (path === null) return;
        if (size > cap) this.oversized.set(path, size);
        if (!keep) return;
        const bytes = Buffer.concat(chunks, size);
        this.files.set(path, bytes);
        this.onKept?.(path, bytes);
      },
    };
  }

  result(): ArchiveScan {
    return { paths: this.paths, files: this.files, oversized: this.oversized, signatureProblems: this.signatureProblems };
  }

  fail(rawName: string, reason: string): never {
    throw new InputError(this.archive, `entry ${quotedPath(rawName)}: ${reason}`);
  }

  private checkSize(rawName: string, entryBytes: number, totalBytes: number): void {
    if (entryBytes > this.limit) this.fail(rawName, `the entry is over the ${formatBytes(this.limit)} input limit once decompressed`);
    if (totalBytes > this.limit) this.fail(rawName, `the archive's content is over the ${formatBytes(this.limit)} input limit once decompressed`);
  }
}
