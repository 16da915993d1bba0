import { deserialize, serialize } from 'node:v8';
import type { ResourceChange } from '../../model/resource-change';
import type { Workspace } from '../../store';
import { RESOURCE_FACTS_VERSION, storeFacts } from './stored-facts';

/**
 * The version of a stored resource detail's shape. Bump it when ResourceChange's enumerable
 * fields change or their meaning does: rows of another version are ignored (the change set is
 * rebuilt for that resource) and replaced. Version 2: Terraform references (referencedBy,
 * referencesUnresolved, planTypes), which the explain stage reads.
 */
export const RESOURCE_DETAIL_VERSION = 2;

/**
 * How long one background step may hold the event loop, encoding details before it writes
 * them (the host keeps answering the screens in between).
 */
const STEP_BUDGET_MS = 12;

/**
 * A resource as the detail panel and the explain stage read it: its enumerable fields, field
 * by field, from the loaded model, where the loaders have already masked every sensitive value.
 * Nothing else is stored: no function (`locate`), no raw file text. V8's serializer keeps
 * what JSON would change (NaN and infinities from YAML, -0, a key named `__proto__`).
 */
export function encodeResourceDetail(r: ResourceChange): Buffer {
  const record: ResourceChange = {
    source: r.source, address: r.address, type: r.type, name: r.name, namespace: r.namespace,
    clusterScoped: r.clusterScoped, apiVersion: r.apiVersion, action: r.action, actions: r.actions,
    mode: r.mode, before: r.before, after: r.after, unknownPaths: r.unknownPaths, sensitivePaths: r.sensitivePaths,
    drift: r.drift, location: r.location, component: r.component, module: r.module, actionReason: r.actionReason,
    ...(r.image !== undefined ? { image: r.image } : {}),
    ...(r.usedBy !== undefined ? { usedBy: r.usedBy } : {}),
    ...(r.referencedBy !== undefined ? { referencedBy: r.referencedBy } : {}),
    ...(r.referencesUnresolved !== undefined ? { referencesUnresolved: r.referencesUnresolved } : {}),
    ...(r.planTypes !== undefined ? { planTypes: r.planTypes } : {}),
    ...(r.inputProblems !== undefined ? { inputProblems: r.inputProblems } : {}),
  };
  return serialize(record);
}

/**
 * A stored detail decoded, or null when it cannot be trusted to be the resource asked for
 * (not decodable, not a resource, another address): the caller rebuilds the change set then.
 */
export function decodeResourceDetail(bytes: Uint8Array, expectedAddress: string): ResourceChange | null {
  let value: unknown;
  try {
    value = deserialize(bytes);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Partial<ResourceChange>;
  const ok = r.address === expectedAddress && typeof r.source === 'string' && typeof r.type === 'string'
    && Array.isArray(r.unknownPaths) && Array.isArray(r.sensitivePaths)
    && typeof r.location === 'object' && r.location !== null && typeof r.location.file === 'string';
  return ok ? (value as ResourceChange) : null;
}

/** One resource's stored detail, or null (none of this version stored, or not usable). */
export function storedResourceDetail(ws: Workspace, digest: string, index: number, expectedAddress: string): ResourceChange | null {
  const bytes = ws.resourceDetails.get(digest, index, RESOURCE_DETAIL_VERSION);
  return bytes ? decodeResourceDetail(bytes, expectedAddress) : null;
}

/**
 * How long after an import (or a rebuild) the background write starts: the review screen's first
 * calls (rows, findings, the first resource) come in that time and should not wait behind it.
 */
export const DETAILS_WRITE_DELAY_MS = 1000;

/** A background write of a change set's details. */
export interface DetailsWrite {
  /** Settles when the write has ended, without keeping the process alive meanwhile. */
  readonly ended: Promise<void>;
  /**
   * Settles when the write has ended (done or stopped). The wait before it starts does not keep
   * a process alive (a CLI run exits without waiting for derived rows) until someone awaits it.
   */
  settled(): Promise<void>;
}

const writing = new WeakMap<Workspace, Map<string, DetailsWrite>>();

/**
 * Stores a change set's resource rows (stored-facts.ts) when they are not yet, then every
 * resource's detail, in the background, a few at a time between the host's other
 * work (encoding all 15k resources of a 57 MB plan at once would hold the event loop for a few
 * hundred ms, and the import waits for none of it). It ends when done, or when it stops: the
 * workspace closed, read-only, or a write failed (derived data: a resource without its row is
 * rebuilt from the files when opened). Called again for the same change set while it runs, it
 * returns the same write.
 */
export function storeDetailsInBackground(ws: Workspace, digest: string, resources: readonly ResourceChange[], delayMs = DETAILS_WRITE_DELAY_MS): DetailsWrite {
  if (ws.db.readonly || !ws.db.open) return { ended: Promise.resolve(), settled: () => Promise.resolve() };
  let running = writing.get(ws);
  if (!running) writing.set(ws, (running = new Map()));
  const hit = running.get(digest);
  if (hit) return hit;
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve) => {
    let next = 0;
    const finish = () => {
      running.delete(digest);
      // The timer (its callback holds the resources) is not kept once done.
      timer = undefined;
      resolve();
    };
    const step = () => {
      try {
        if (!ws.db.open) return finish();
        if (next === 0) {
          // The resource rows first (the list of a reopened change set), unless stored already
          // (usually by the review's first listing). Not parsed here: a 15k-row list would hold
          // the event loop longer than a step; every reader checks the row (storedFacts).
          if (!ws.resourceFacts.has(digest, RESOURCE_FACTS_VERSION)) storeFacts(ws, { digest, resources });
          if (ws.resourceDetails.count(digest, RESOURCE_DETAIL_VERSION) === resources.length) return finish();
        }
        const t0 = performance.now();
        const rows: [number, Buffer][] = [];
        while (next < resources.length && (rows.length === 0 || performance.now() - t0 < STEP_BUDGET_MS)) {
          rows.push([next, encodeResourceDetail(resources[next]!)]);
          next++;
        }
        if (rows.length > 0) ws.resourceDetails.putMany(digest, RESOURCE_DETAIL_VERSION, rows);
        if (next >= resources.length) return finish();
        setImmediate(step);
      } catch {
        finish();
      }
    };
    timer = setTimeout(step, delayMs).unref();
  });
  const write: DetailsWrite = {
    ended: done,
    settled: () => {
      timer?.ref();
      return done;
    },
  };
  running.set(digest, write);
  return write;
}
