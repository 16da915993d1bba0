import { compilePolicy } from '../compile/compile-policy';
import { listPacks, parsePackFiles, readPackFiles } from './load-pack';
import { PACK_CACHE_FORMAT, packCacheEntry } from './pack-cache';
import type { PackCacheFile } from './pack-cache';

/**
 * The pack cache for every pack under `root` that parses and compiles (build time; see
 * pack-cache.ts). A pack with any broken policy is left out: at run time it takes the YAML
 * path and reports the error exactly as without a cache. `skipped` says which and why.
 */
export function buildPackCache(root: string): { readonly cache: PackCacheFile; readonly skipped: readonly string[] } {
  const packs: Record<string, PackCacheFile['packs'][string]> = {};
  const skipped: string[] = [];
  for (const name of listPacks(root)) {
    try {
      const { dir, files } = readPackFiles(name, root);
      const policies = parsePackFiles(name, files);
      for (const p of policies) compilePolicy(p, {});
      packs[name] = packCacheEntry(dir, files, policies);
    } catch (err) {
      skipped.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { cache: { format: PACK_CACHE_FORMAT, packs }, skipped };
}
