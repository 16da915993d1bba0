import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Policy } from '../../model/policy';
import { markVerified } from '../compile/verified-expressions';

/**
 * Built-in packs parsed ahead of time (build/build-cli.mjs writes out/cli/packs.json), so
 * `countersign evaluate` does not parse the packs' YAML on every run (~100 ms).
 *
 * An entry is used only when the content hash of the pack's policy files, as read now, equals
 * the one recorded at build time: an edited, added or removed policy file takes the ordinary
 * YAML path, with its ordinary errors. The build stores only packs whose every policy parsed
 * and compiled, so a hit also proves the policies' CEL compiles (compilePolicy then compiles
 * it on first use; see verified-expressions.ts).
 */
export interface PackCacheFile {
  readonly format: typeof PACK_CACHE_FORMAT;
  readonly packs: Readonly<Record<string, CachedPack>>;
}

interface CachedPack {
  readonly hash: string;
  /** As loadPack returns them, with `definedAt.file` relative to the pack folder. */
  readonly policies: readonly Policy[];
}

/** One policy file of a pack as read from disk. */
export interface PackFile {
  readonly folder: string;
  readonly file: string;
  readonly bytes: Uint8Array;
}

// Bump when the Policy shape or how policy.yaml is read changes.
export const PACK_CACHE_FORMAT = 1;

let cacheFile: string | undefined;
let loaded: PackCacheFile | null | undefined;

/** Where the cache is (the CLI sets it at start); undefined turns the cache off. Read lazily. */
export function usePackCache(file: string | undefined): void {
  cacheFile = file;
  loaded = undefined;
}

function cache(): PackCacheFile | null {
  if (loaded === undefined) {
    loaded = null;
    if (cacheFile !== undefined) {
      try {
        const data = JSON.parse(readFileSync(cacheFile, 'utf8')) as PackCacheFile;
        if (data?.format === PACK_CACHE_FORMAT && typeof data.packs === 'object' && data.packs !== null) loaded = data;
      } catch {
        // No cache (or an unreadable one) only costs the YAML parse.
      }
    }
  }
  return loaded;
}

/** sha256 over each policy file's folder name, size and bytes, in loadPack's order. */
export function packContentHash(files: readonly PackFile[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(`${f.folder}\u0000${f.bytes.length}\u0000`).update(f.bytes);
  return h.digest('hex');
}

/** The cached policies of pack `name`, or undefined when there is no entry for exactly these files. */
export function cachedPack(name: string, dir: string, files: readonly PackFile[]): readonly Policy[] | undefined {
  const entry = cache()?.packs[name];
  if (!entry || entry.hash !== packContentHash(files) || entry.policies.length !== files.length) return undefined;
  return entry.policies.map((p) => {
    markVerified(p);
    return { ...p, definedAt: { ...p.definedAt, file: join(dir, p.definedAt.file) } };
  });
}

/** The cache entry for a pack loaded (and compiled) the ordinary way; used by the build. */
export function packCacheEntry(dir: string, files: readonly PackFile[], policies: readonly Policy[]): CachedPack {
  return {
    hash: packContentHash(files),
    policies: policies.map((p) => ({ ...p, definedAt: { ...p.definedAt, file: relative(dir, p.definedAt.file) } })),
  };
}
