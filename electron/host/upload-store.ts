import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_FILE_MODE, makePrivateDir } from '../core/store';

/** One dropped file is at most this big (a 15k-resource plan is ~57 MB). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
/** All uploads not yet imported, together. */
export const MAX_PENDING_UPLOAD_BYTES = 1024 * 1024 * 1024;
/** An upload not imported within this time is deleted (a tab closed mid-import). */
export const UPLOAD_TTL_MS = 10 * 60 * 1000;

/** An upload id: 24 random bytes, base64url. The only name an uploaded file has on disk. */
export const UPLOAD_ID = /^[A-Za-z0-9_-]{32}$/;

export type UploadOutcome =
  | { readonly ok: true; readonly id: string; readonly bytes: number }
  | { readonly ok: false; readonly reason: 'too-large' | 'too-much-pending' };

interface Pending {
  readonly file: string;
  readonly bytes: number;
  readonly at: number;
}

export interface UploadStoreOptions {
  readonly maxFileBytes?: number;
  readonly maxPendingBytes?: number;
  readonly ttlMs?: number;
  readonly now?: () => number;
}

/**
 * Raw bytes the browser renderer streamed to the host (PUT /upload), kept in a private
 * temporary folder (owner-only, created on first use) under random ids until one import takes
 * them. The user's file names never reach the disk here: the import names them (import-files.ts).
 */
export class UploadStore {
  private dir: string | null = null;
  private readonly pending = new Map<string, Pending>();
  /** Bytes of uploads still being received. */
  private receiving = 0;
  private readonly maxFileBytes: number;
  private readonly maxPendingBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly startListeners: (() => void)[] = [];

  constructor(options: UploadStoreOptions = {}) {
    this.maxFileBytes = options.maxFileBytes ?? MAX_UPLOAD_BYTES;
    this.maxPendingBytes = options.maxPendingBytes ?? MAX_PENDING_UPLOAD_BYTES;
    this.ttlMs = options.ttlMs ?? UPLOAD_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** Called when an upload starts (e.g. to prepare what the import that follows needs). */
  onReceive(fn: () => void): void {
    this.startListeners.push(fn);
  }

  get limitBytes(): number {
    return this.maxFileBytes;
  }

  /**
   * Streams `body` to a new private file. Over the per-file limit, or over what may be pending
   * at once, the partial file is removed and nothing is kept. `declared` is the
   * Content-Length when sent (refused before reading when already too big).
   */
  async receive(body: Readable, declared?: number): Promise<UploadOutcome> {
    this.expire();
    for (const fn of this.startListeners) fn();
    const room = this.maxPendingBytes - this.pendingBytes() - this.receiving;
    if (declared !== undefined && declared > this.maxFileBytes) return drained(body, 'too-large');
    if (declared !== undefined && declared > room) return drained(body, 'too-much-pending');
    const id = randomBytes(24).toString('base64url');
    const file = join(this.folder(), id);
    let size = 0;
    let tooMuch = false;
    const out = createWriteStream(file, { flags: 'wx', mode: PRIVATE_FILE_MODE });
    // Uploads received at the same time count against the pending limit together.
    const count = (n: number): boolean => {
      this.receiving += n;
      size += n;
      tooMuch = this.pendingBytes() + this.receiving > this.maxPendingBytes;
      return size > this.maxFileBytes || tooMuch;
    };
    try {
      await pipeline(body, async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          // Stop at once: the rest of an oversized body is never written.
          if (count(chunk.length)) throw new Refused();
          yield chunk;
        }
      }, out);
    } catch (err) {
      // The stream opens its file asynchronously: remove the file only once the stream has closed,
      // or a refused upload could leave a file created after the removal.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      rmSync(file, { force: true });
      if (err instanceof Refused) return { ok: false, reason: size > this.maxFileBytes ? 'too-large' : 'too-much-pending' };
      throw err;
    } finally {
      this.receiving -= size;
    }
    this.pending.set(id, { file, bytes: size, at: this.now() });
    return { ok: true, id, bytes: size };
  }

  /**
   * The file of an upload, which the caller now owns (it moves or deletes it); null when the
   * id is unknown, already taken, or expired. Each upload is taken once.
   */
  take(id: string): { readonly file: string; readonly bytes: number } | null {
    this.expire();
    const p = this.pending.get(id);
    if (!p) return null;
    this.pending.delete(id);
    return { file: p.file, bytes: p.bytes };
  }

  /** Deletes every pending upload and the folder. */
  close(): void {
    this.pending.clear();
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  /** The private folder uploads are written to (its parent holds the imports' staging folders too). */
  folder(): string {
    if (this.dir === null) {
      this.dir = mkdtempSync(join(tmpdir(), 'countersign-uploads-'));
      makePrivateDir(this.dir, { tightenExisting: true });
    }
    return this.dir;
  }

  private pendingBytes(): number {
    let n = 0;
    for (const p of this.pending.values()) n += p.bytes;
    return n;
  }

  private expire(): void {
    const now = this.now();
    for (const [id, p] of this.pending) {
      if (now - p.at <= this.ttlMs) continue;
      this.pending.delete(id);
      try {
        unlinkSync(p.file);
      } catch {
        // Already gone: nothing to free.
      }
    }
  }
}

class Refused extends Error {}

function drained(body: Readable, reason: 'too-large' | 'too-much-pending'): UploadOutcome {
  body.resume();
  return { ok: false, reason };
}

const stores = new WeakMap<object, UploadStore>();

/** The upload store of an app context: the browser host writes to it, the importUploads handler takes from it. */
export function uploadStoreFor(owner: object): UploadStore {
  let store = stores.get(owner);
  if (!store) stores.set(owner, (store = new UploadStore()));
  return store;
}
