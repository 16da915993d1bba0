import { createHash } from 'node:crypto';
import type { ListedFile } from '../../model/changeset';
import type { SourceFile } from './types';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The canonical listing of a change set's files: one entry per path, sorted by path. */
export function listFiles(files: readonly SourceFile[]): ListedFile[] {
  return files
    .map((f) => ({ path: f.path, sha256: sha256Hex(f.bytes), bytes: f.bytes.length }))
    .sort((a, b) => comparePaths(a.path, b.path));
}

/**
 * `sha256:<hex>` over the canonical listing: each file on its own line as
 * `<sha256-hex>  <bytes>  <path>\n`, sorted by path (byte order of the UTF-8 path), so it
 * depends only on the paths and contents (not on timestamps, permissions, the archive format
 * or the OS). Documented in docs/changeset-format.md: changing it changes every digest.
 */
export function changeSetDigest(files: readonly { path: string; sha256: string; bytes: number }[]): string {
  const lines = [...files]
    .sort((a, b) => comparePaths(a.path, b.path))
    .map((f) => `${f.sha256}  ${f.bytes}  ${f.path}\n`)
    .join('');
  return `sha256:${createHash('sha256').update(lines, 'utf8').digest('hex')}`;
}

/** Byte order of the UTF-8 encoding, so every implementation (Go, Python, `sort` with LC_ALL=C) agrees. */
function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
