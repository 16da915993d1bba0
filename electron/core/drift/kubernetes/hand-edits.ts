import { InputError } from '../../model/errors';
import type { FieldDrift } from '../drift-types';
import type { FieldOwners } from './field-owners';
import { itemIdentity, itemStep, listKeyOf } from './list-keys';
import { ABSENT, shown } from './object-diff';
import type { AttributedDrift } from './object-diff';

type Json = Record<string, unknown>;

/** Fields never reported (as in object-diff.ts): status, identity, server metadata. */
const SKIP_TOP = new Set(['f:status', 'f:apiVersion', 'f:kind']);
const SKIP_METADATA = new Set([
  'f:uid', 'f:resourceVersion', 'f:generation', 'f:creationTimestamp', 'f:deletionTimestamp', 'f:deletionGracePeriodSeconds',
  'f:selfLink', 'f:managedFields', 'f:namespace', 'f:name',
]);
const MAX_DEPTH = 300;

export interface HandEditContext {
  readonly file: string;
  readonly line: number;
  readonly builtIn: boolean;
  /** Managers whose fields are the pipeline's or cluster automation's: not hand edits. */
  readonly expected: ReadonlySet<string>;
}

/**
 * Fields the approved manifest does NOT set that a manager other than the vendor's pipeline and
 * cluster automation wrote (`kubectl-edit`, `kubectl-patch`, a dashboard): a hand edit outside
 * the pipeline, such as `privileged: true` added to a container whose manifest sets no
 * securityContext field of that name. Defaults are never among them: the server attributes a
 * defaulted field to the manager whose request created the object. Shown `(absent) -> value`,
 * changed by that manager. Items of a list the manifest sets but does not name are left to
 * object-diff (reported there as added items).
 */
export function handEdits(approved: unknown, liveRaw: unknown, liveMasked: unknown, owners: FieldOwners, ctx: HandEditContext): AttributedDrift[] {
  const found = new Map<string, { drift: FieldDrift; managers: Set<string> }>();
  for (const { manager, fields } of owners.sets()) {
    if (ctx.expected.has(manager)) continue;
    walk(fields, approved, liveRaw, liveMasked, [], 0, (path, value) => {
      const key = JSON.stringify(path);
      const seen = found.get(key);
      if (seen) seen.managers.add(manager);
      else found.set(key, { drift: { path, approved: ABSENT, live: shown(value) }, managers: new Set([manager]) });
    }, ctx);
  }
  return [...found.values()].map(({ drift, managers }) => {
    const list = [...managers].sort();
    return { drift: { ...drift, changedBy: list.join(', ') }, otherManagers: list };
  });
}

function walk(
  set: Readonly<Record<string, unknown>>, a: unknown, l: unknown, ml: unknown, path: (string | number)[], depth: number,
  report: (path: (string | number)[], maskedValue: unknown) => void, ctx: HandEditContext,
): void {
  if (depth > MAX_DEPTH) throw new InputError(ctx.file, `managedFields nested deeper than ${MAX_DEPTH} levels`, ctx.line);
  for (const name of Object.keys(set).sort()) {
    const child = set[name];
    if (name === '.' || !isObject(child)) continue;
    if (depth === 0 && SKIP_TOP.has(name)) continue;
    if (depth === 1 && path[0] === 'metadata' && SKIP_METADATA.has(name)) continue;
    if (name.startsWith('f:')) {
      const field = name.slice(2);
      if (!isObject(l) || !Object.hasOwn(l, field)) continue; // no longer live
      const av = isObject(a) && Object.hasOwn(a, field) ? a[field] : undefined;
      const lv = l[field];
      const mv = isObject(ml) ? ml[field] : undefined;
      const next = [...path, field];
      if (av !== undefined && av !== null && (typeof av !== 'object' || Array.isArray(av))) {
        // The manifest sets it (a value or a whole list): object-diff compared it, except the
        // items of a keyed list, which the walk follows to the fields the manifest leaves out.
        if (Array.isArray(av) && Array.isArray(lv)) walkList(child, av, lv, Array.isArray(mv) ? mv : [], next, depth, report, ctx, true);
        continue;
      }
      if (Object.keys(child).filter((k) => k !== '.').length === 0) {
        if (lv !== undefined && lv !== null) report(next, mv);
        continue;
      }
      if (Array.isArray(lv)) walkList(child, undefined, lv, Array.isArray(mv) ? mv : [], next, depth, report, ctx, false);
      else walk(child, av, lv, mv, next, depth + 1, report, ctx);
    }
  }
}

/** Items of a live list in a manager's set: by key (`k:`), else the whole list at once. */
function walkList(
  set: Readonly<Record<string, unknown>>, a: readonly unknown[] | undefined, l: readonly unknown[], ml: readonly unknown[], path: (string | number)[], depth: number,
  report: (path: (string | number)[], maskedValue: unknown) => void, ctx: HandEditContext, approvedSetsList: boolean,
): void {
  const field = path[path.length - 1];
  const key = listKeyOf(field, a ?? l, ctx.builtIn);
  const names = Object.keys(set).filter((k) => k !== '.');
  if (!key || names.some((n) => !n.startsWith('k:'))) {
    // An atomic list, or one owned by index or value: the manifest's value was compared whole.
    if (!approvedSetsList && names.length > 0) report(path, ml.length > 0 ? ml : l);
    return;
  }
  const liveIds = l.map((item) => itemIdentity(item, key));
  const approvedIds = new Set((a ?? []).map((item) => itemIdentity(item, key)));
  for (const name of names.sort()) {
    const child = set[name];
    if (!isObject(child)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(name.slice(2));
    } catch {
      continue;
    }
    const id = itemIdentity(parsed, key);
    const at = id === undefined ? -1 : liveIds.indexOf(id);
    if (at === -1) continue;
    const step = [...path, itemStep(id!)];
    if (!approvedSetsList) {
      report(step, ml[at]);
      continue;
    }
    if (!approvedIds.has(id)) continue; // an item the manifest does not name: reported by object-diff
    const approvedItem = a!.find((item) => itemIdentity(item, key) === id);
    walk(child, approvedItem, l[at], ml[at], step, depth + 2, report, ctx);
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
