import type { ChangeSet } from '../../model/changeset';
import type { Finding } from '../../model/finding';
import type { Workspace } from '../../store';
import { rebuildStored } from '../change-set-service';

/** A stored change set as the replay uses it: rebuilt once, with its resources by address. */
export interface LoadedChangeSet {
  readonly changeSet: ChangeSet;
  /** Indices of the resources with each address, in change-set order (an address may repeat). */
  readonly indicesByAddress: ReadonlyMap<string, readonly number[]>;
  /** Findings of one policy at one time, by draft-evaluation.ts's key: dropped with the change set. */
  readonly results: Map<string, readonly Finding[]>;
}

export interface ChangeSetCacheLimits {
  /** Sum of the kept change sets' stored file sizes (the parsed model is a few times that). */
  readonly maxSourceBytes: number;
  readonly maxEntries: number;
}

/**
 * 48 MB of stored files: the 20 corpus change sets (3.3 MB) many times over, plus a 1,500-object
 * release (26 MB). The parsed model of such a release took about twice its bytes of heap
 * (54 MB for 26 MB of YAML), so about 100 MB at most.
 */
export const DEFAULT_CHANGE_SET_CACHE_LIMITS: ChangeSetCacheLimits = { maxSourceBytes: 48 * 1024 * 1024, maxEntries: 2000 };

/**
 * Parsed change sets by digest, least recently used dropped first, bounded by the size of
 * their stored files. A digest names exactly one set of files (rebuildStored refuses stored
 * files that rebuild to another digest), so an entry is valid for every workspace holding it.
 */
export class ChangeSetCache {
  private readonly entries = new Map<string, { readonly loaded: LoadedChangeSet; readonly bytes: number }>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly limits: ChangeSetCacheLimits = DEFAULT_CHANGE_SET_CACHE_LIMITS) {}

  load(ws: Workspace, digest: string): LoadedChangeSet {
    const hit = this.entries.get(digest);
    if (hit) {
      this.hits++;
      this.entries.delete(digest);
      this.entries.set(digest, hit);
      return hit.loaded;
    }
    this.misses++;
    const changeSet = rebuildStored(ws, digest);
    const loaded: LoadedChangeSet = { changeSet, indicesByAddress: indicesByAddress(changeSet), results: new Map() };
    const bytes = changeSet.files.reduce((n, f) => n + f.bytes, 0);
    // One change set larger than the whole budget is used once and not kept.
    if (bytes <= this.limits.maxSourceBytes) {
      this.entries.set(digest, { loaded, bytes });
      this.bytes += bytes;
      this.evict();
    }
    return loaded;
  }

  /** Whether the change set is kept (a replay takes those first, see impact-job.ts). */
  has(digest: string): boolean {
    return this.entries.has(digest);
  }

  get size(): number {
    return this.entries.size;
  }

  get sourceBytes(): number {
    return this.bytes;
  }

  private evict(): void {
    while (this.entries.size > this.limits.maxEntries || this.bytes > this.limits.maxSourceBytes) {
      const [oldest, entry] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }
}

function indicesByAddress(cs: ChangeSet): Map<string, number[]> {
  const out = new Map<string, number[]>();
  cs.resources.forEach((r, i) => {
    const list = out.get(r.address);
    if (list) list.push(i);
    else out.set(r.address, [i]);
  });
  return out;
}
