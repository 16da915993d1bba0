import { InputError } from '../../model/errors';
import { SENSITIVE_MASK } from '../../model/resource-change';
import type { FieldDrift } from '../drift-types';
import type { FieldOwners, OwnerStep } from './field-owners';
import { itemIdentity, itemStep, listKeyOf } from './list-keys';
import { quantityMillis } from './quantity';

/** What a FieldDrift shows for a side where the field is not set. */
export const ABSENT = '(absent)';
/** Longest rendering of one value in a FieldDrift (longer ones end in "…"). */
const MAX_SHOWN = 240;
/** Deeper than the loader accepts (256): a guard, not a limit real objects reach. */
const MAX_DEPTH = 300;

/** Fields the API server writes, never compared even when a manifest sets them (`creationTimestamp: null`). */
const SERVER_METADATA = new Set([
  'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds',
  'selfLink', 'managedFields', 'namespace',
]);
/** Top-level fields not compared: status is the server's; apiVersion and kind matched the object. */
const SERVER_TOP = new Set(['status', 'apiVersion', 'kind']);

/** Maps whose values are resource quantities in the built-in types (requests, limits, quota, capacity). */
const QUANTITY_MAPS = new Set(['limits', 'requests', 'hard', 'used', 'capacity', 'allocatable', 'overhead']);
const LIMIT_RANGE_MAPS = new Set(['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']);

export interface ObjectDiffContext {
  readonly file: string;
  readonly line: number;
  readonly kind: string;
  /** A built-in API group: its list keys and quantity fields are known; a custom resource's are not. */
  readonly builtIn: boolean;
  readonly owners: FieldOwners;
  /** Managers whose writes are the vendor's pipeline: a value they own is vendor drift. */
  readonly vendorManagers: ReadonlySet<string>;
}

/** A field drift and the managers other than the vendor's that alone own it (empty: the vendor's drift). */
export interface AttributedDrift {
  readonly drift: FieldDrift;
  readonly otherManagers: readonly string[];
}

interface Walk {
  readonly ctx: ObjectDiffContext;
  readonly out: AttributedDrift[];
  /** Shown path and ownership path, kept in step. */
  readonly shownPath: (string | number)[];
  readonly ownerPath: OwnerStep[];
  readonly appliers: Set<string>;
}

/**
 * The fields the approved manifest sets that differ in the live object, as `kubectl diff` and
 * server-side apply compare them: a field the manifest does not set is never drift (a default,
 * a server-written field, another manager's field); status and server metadata are skipped;
 * null in the manifest sets nothing; an empty list or map equals an absent one (the server
 * omits empty values). Values are compared raw and shown masked (`approved` is already masked
 * by the loader; where it shows the mask, only the value's presence can be compared).
 */
export function diffObject(approved: unknown, liveRaw: unknown, liveMasked: unknown, ctx: ObjectDiffContext): ObjectDiff {
  const w: Walk = { ctx, out: [], shownPath: [], ownerPath: [], appliers: new Set() };
  walk(w, approved, liveRaw, liveMasked, 0);
  return { drifts: w.out, appliers: w.appliers };
}

export interface ObjectDiff {
  readonly drifts: readonly AttributedDrift[];
  /** Managers that own a field the manifest sets with the approved value: the approved manifest's appliers. */
  readonly appliers: ReadonlySet<string>;
}

function walk(w: Walk, a: unknown, l: unknown, ml: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw new InputError(w.ctx.file, `nesting deeper than ${MAX_DEPTH} levels`, w.ctx.line);
  if (a === null || a === undefined) return;
  if (a === SENSITIVE_MASK || ml === SENSITIVE_MASK) {
    // A Secret's value: compared only for presence, shown only as the mask.
    if (isAbsent(l)) push(w, SENSITIVE_MASK, ABSENT);
    else if (a !== SENSITIVE_MASK && a !== l) push(w, SENSITIVE_MASK, SENSITIVE_MASK);
    return;
  }
  if (Array.isArray(a)) return walkList(w, a, l, ml, depth);
  if (isObject(a)) {
    if (isAbsent(l) && Object.keys(a).length === 0) return;
    if (!isObject(l)) return push(w, shown(a), shown(ml));
    for (const key of Object.keys(a)) {
      if (skipped(w, key)) continue;
      step(w, key, { field: key }, () => walk(w, a[key], own(l, key), own(ml, key), depth + 1));
    }
    return;
  }
  if (!sameScalar(w, a, l)) push(w, shown(a), shown(ml));
  else for (const m of w.ctx.owners.ownersOf(w.ownerPath)) w.appliers.add(m);
}

function walkList(w: Walk, a: readonly unknown[], l: unknown, ml: unknown, depth: number): void {
  if (isAbsent(l) && a.length === 0) return;
  if (!Array.isArray(l)) return push(w, shown(a), shown(ml));
  const mlList = Array.isArray(ml) ? ml : [];
  const field = w.shownPath[w.shownPath.length - 1];
  const key = listKeyOf(field, a, w.ctx.builtIn);
  const approvedIds = key ? a.map((i) => itemIdentity(i, key)) : [];
  const liveIds = key ? l.map((i) => itemIdentity(i, key)) : [];
  const keyed = key !== undefined && unique(approvedIds) && unique(liveIds);
  if (!keyed) {
    // Atomic list (or keys missing or repeated: fail closed to comparing in order).
    if (a.length !== l.length) return push(w, shown(a), shown(ml));
    // Same length: item by item, so a long list (args) shows which item differs, not a cut-off whole.
    a.forEach((item, i) => step(w, i, { index: i }, () => walk(w, item, l[i], mlList[i], depth + 1)));
    return;
  }
  const liveAt = new Map(liveIds.map((id, i) => [id!, i]));
  const approvedSet = new Set(approvedIds);
  a.forEach((item, i) => {
    const id = approvedIds[i]!;
    const at = liveAt.get(id);
    step(w, itemStep(id), { key: JSON.parse(id) as Record<string, string | number> }, () => {
      if (at === undefined) push(w, shown(item), ABSENT);
      else walk(w, item, l[at], mlList[at], depth + 1);
    });
  });
  // An item of a list the manifest defines that it does not name (a container, an env var, a
  // volume added live) is a new entity, not a defaulted field: drift, attributed to its owner.
  liveIds.forEach((id, i) => {
    if (approvedSet.has(id)) return;
    step(w, itemStep(id!), { key: JSON.parse(id!) as Record<string, string | number> }, () => push(w, ABSENT, shown(mlList[i])));
  });
}

function step(w: Walk, shownStep: string | number, ownerStep: OwnerStep, fn: () => void): void {
  w.shownPath.push(shownStep);
  w.ownerPath.push(ownerStep);
  try {
    fn();
  } finally {
    w.shownPath.pop();
    w.ownerPath.pop();
  }
}

function push(w: Walk, approved: string, live: string): void {
  const owners = w.ctx.owners.ownersOf(w.ownerPath);
  // Unowned (or owned by the vendor's pipeline, alone or with others): the vendor's drift.
  const other = owners.length > 0 && !owners.some((m) => w.ctx.vendorManagers.has(m));
  w.out.push({
    drift: { path: [...w.shownPath], approved, live, ...(other ? { changedBy: owners.join(', ') } : {}) },
    otherManagers: other ? owners : [],
  });
}

function skipped(w: Walk, key: string): boolean {
  const depth = w.shownPath.length;
  if (depth === 0) return SERVER_TOP.has(key);
  return depth === 1 && w.shownPath[0] === 'metadata' && SERVER_METADATA.has(key);
}

/**
 * Scalars equal as Kubernetes reads them: a resource quantity by its value (`0.5` = `500m`,
 * `1Gi` = `1073741824`); anything else exactly, type included (a port 8080 and "8080" differ:
 * an int-or-string field reads "8080" as a port name, an integer field refuses it).
 */
function sameScalar(w: Walk, a: unknown, l: unknown): boolean {
  if (a === l) return true;
  if (!isQuantityField(w)) return false;
  const x = quantityMillis(a);
  return x !== undefined && x === quantityMillis(l);
}

function isQuantityField(w: Walk): boolean {
  if (!w.ctx.builtIn) return false;
  const path = w.shownPath;
  const field = path[path.length - 1];
  const parent = path[path.length - 2];
  if (field === 'sizeLimit') return true;
  if (w.ctx.kind === 'HorizontalPodAutoscaler' && (field === 'value' || field === 'averageValue')) return true;
  if (typeof parent !== 'string') return false;
  return QUANTITY_MAPS.has(parent) || (w.ctx.kind === 'LimitRange' && LIMIT_RANGE_MAPS.has(parent));
}

function isAbsent(v: unknown): boolean {
  return v === undefined || v === null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(v: unknown, key: string): unknown {
  return isObject(v) && Object.hasOwn(v, key) ? v[key] : undefined;
}

function unique(ids: readonly (string | undefined)[]): boolean {
  return ids.every((id) => id !== undefined) && new Set(ids).size === ids.length;
}

/** A masked value rendered for a FieldDrift: JSON, cut at MAX_SHOWN characters (never inside a surrogate pair). */
export function shown(masked: unknown): string {
  if (masked === undefined || masked === null) return ABSENT;
  if (masked === SENSITIVE_MASK) return SENSITIVE_MASK;
  const text = JSON.stringify(masked) ?? ABSENT;
  if (text.length <= MAX_SHOWN) return text;
  const code = text.charCodeAt(MAX_SHOWN - 1);
  const cut = code >= 0xd800 && code <= 0xdbff ? MAX_SHOWN - 1 : MAX_SHOWN;
  return `${text.slice(0, cut)}…`;
}
