import { createHash } from 'node:crypto';
import type { ListedFile } from '../../model/changeset';
import { InputError } from '../../model/errors';
import { printable } from '../../model/printable-text';
import { normalizeBundlePath } from './bundle-path';
import type { SourceFile } from './types';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Listings already computed, by the file list they were computed from, with each file's path and
 * bytes object as they were then. An import hashes its files to build the change set and the
 * store checks them against its digest before writing them: the second look at the same list
 * (the same array, the same path and the same bytes object in every place) reuses the hashes
 * instead of reading 57 MB again. A source's bytes are never written after they are read.
 */
const listed = new WeakMap<readonly SourceFile[], { readonly files: readonly SourceFile[]; readonly listing: readonly ListedFile[] }>();

/** The canonical listing of a change set's files: one entry per path, sorted by path. */
export function listFiles(files: readonly SourceFile[]): ListedFile[] {
  const hit = listed.get(files);
  if (hit && hit.files.length === files.length && hit.files.every((f, i) => f.path === files[i]!.path && f.bytes === files[i]!.bytes)) return [...hit.listing];
  const listing = files
    .map((f) => ({ path: f.path, sha256: sha256Hex(f.bytes), bytes: f.bytes.length }))
    .sort((a, b) => comparePaths(a.path, b.path));
  listed.set(files, { files: files.map((f) => ({ path: f.path, bytes: f.bytes })), listing: [...listing] });
  return listing;
}

/**
 * Records the listing of `files` computed elsewhere from these very bytes (a worker thread
 * hashed a big plan while this one parsed it: build-large-plan.ts), so the store's check of the
 * digest does not hash 57 MB again on the main thread.
 */
export function rememberListing(files: readonly SourceFile[], listing: readonly ListedFile[]): void {
  // What can be checked without hashing again: the listing names these files, at these sizes.
  const sizes = new Map(files.map((f) => [f.path, f.bytes.length]));
  if (listing.length !== files.length || sizes.size !== files.length || listing.some((l) => sizes.get(l.path) !== l.bytes)) {
    throw new Error('rememberListing: the listing is not of these files');
  }
  listed.set(files, { files: files.map((f) => ({ path: f.path, bytes: f.bytes })), listing: [...listing].sort((a, b) => comparePaths(a.path, b.path)) });
}

/**
 * `sha256:<hex>` over the canonical listing: each file on its own line as
 * `<sha256-hex>  <bytes>  <path>\n`, sorted by path (byte order of the UTF-8 path), so it
 * depends only on the paths and contents (not on timestamps, permissions, the archive format
 * or the OS). Documented in docs/changeset-format.md: changing it changes every digest.
 */
export function changeSetDigest(files: readonly { path: string; sha256: string; bytes: number }[]): string {
  return `sha256:${createHash('sha256').update(canonicalListing(files), 'utf8').digest('hex')}`;
}

/**
 * The v1 listing text. Every path obeys the bundle path rules (no line break or control
 * character, normalized, each once), so each line parses only one way and the listing reads
 * back as exactly one file set. Readers refuse bad names earlier with a friendlier error; this
 * is the last line of defence for any other caller.
 */
export function canonicalListing(files: readonly { path: string; sha256: string; bytes: number }[]): string {
  const seen = new Set<string>();
  for (const f of files) {
    const p = normalizeBundlePath(f.path);
    const shown = printable(f.path);
    if (!p.ok) throw new InputError(shown, `cannot be part of a change set: ${p.reason}`);
    if (p.path !== f.path) throw new InputError(shown, `is not a normalized bundle path (${printable(p.path)})`);
    if (seen.has(f.path)) throw new InputError(shown, 'is listed twice');
    if (!/^[0-9a-f]{64}$/.test(f.sha256) || !Number.isSafeInteger(f.bytes) || f.bytes < 0) throw new InputError(shown, 'has a malformed hash or size');
    seen.add(f.path);
  }
  return [...files]
    .sort((a, b) => comparePaths(a.path, b.path))
    .map((f) => `${f.sha256}  ${f.bytes}  ${f.path}\n`)
    .join('');
}

/** Byte order of the UTF-8 encoding, so every implementation (Go, Python, `sort` with LC_ALL=C) agrees. */
function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
