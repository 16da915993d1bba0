/**
 * Who owns a field of a live object, from its `metadata.managedFields` (server-side apply field
 * management: https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management).
 * Each entry names a manager and the set of fields it owns (FieldsV1): `f:<field>` for a field,
 * `k:{"name":"web"}` for an item of an associative list by its key, `i:<n>` for a list index,
 * `v:<json>` for a member of a set, and `.` for the node itself; an empty object `{}` is a leaf,
 * owning everything below it. Whenever a field's value changes, ownership moves to the manager
 * that changed it, so the owner of a drifted value is the one that last wrote it.
 * Malformed entries are skipped: they attribute nothing, and unattributed drift is the
 * vendor's (fail closed).
 */

/** One step of a path into an object: a field, an associative-list item by key, or an index. */
export type OwnerStep =
  | { readonly field: string }
  | { readonly key: Readonly<Record<string, string | number>> }
  | { readonly index: number };

interface ManagedEntry {
  readonly manager: string;
  readonly fields: Record<string, unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Longest manager name kept (longer ones are cut: a name is shown, never trusted for its length). */
const MAX_MANAGER = 128;

export class FieldOwners {
  private readonly entries: readonly ManagedEntry[];

  constructor(liveObject: unknown) {
    const meta = isObject(liveObject) ? liveObject.metadata : undefined;
    const list = isObject(meta) && Array.isArray(meta.managedFields) ? meta.managedFields : [];
    this.entries = list.flatMap((e): ManagedEntry[] => {
      if (!isObject(e) || typeof e.manager !== 'string' || e.manager === '') return [];
      if (e.fieldsType !== undefined && e.fieldsType !== 'FieldsV1') return [];
      if (!isObject(e.fieldsV1)) return [];
      return [{ manager: e.manager.slice(0, MAX_MANAGER), fields: e.fieldsV1 }];
    });
  }

  /** Each manager's FieldsV1 set (well-formed entries only), in the order of managedFields. */
  sets(): readonly { readonly manager: string; readonly fields: Readonly<Record<string, unknown>> }[] {
    return this.entries;
  }

  /** Managers that own the node at `path` (or an atomic ancestor of it), sorted, without repeats. */
  ownersOf(path: readonly OwnerStep[]): string[] {
    const owners = new Set<string>();
    for (const entry of this.entries) if (owns(entry.fields, path)) owners.add(entry.manager);
    return [...owners].sort();
  }
}

function owns(set: Record<string, unknown>, path: readonly OwnerStep[]): boolean {
  let node: Record<string, unknown> = set;
  for (const step of path) {
    // A leaf owns its whole subtree (an atomic list or map, a scalar written whole).
    if (node !== set && Object.keys(node).length === 0) return true;
    const next = childOf(node, step);
    if (next === undefined) return false;
    node = next;
  }
  return true;
}

function childOf(node: Record<string, unknown>, step: OwnerStep): Record<string, unknown> | undefined {
  if ('field' in step) return asSet(own(node, `f:${step.field}`));
  if ('index' in step) return asSet(own(node, `i:${step.index}`));
  for (const name of Object.keys(node)) {
    if (!name.startsWith('k:')) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(name.slice(2));
    } catch {
      continue;
    }
    if (sameKey(parsed, step.key)) return asSet(node[name]);
  }
  return undefined;
}

function own(node: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(node, name) ? node[name] : undefined;
}

function asSet(v: unknown): Record<string, unknown> | undefined {
  return isObject(v) ? v : undefined;
}

/** The same item key: the same fields with the same values (a number and a string differ). */
function sameKey(parsed: unknown, key: Readonly<Record<string, string | number>>): boolean {
  if (!isObject(parsed)) return false;
  const names = Object.keys(key);
  if (Object.keys(parsed).length !== names.length) return false;
  return names.every((n) => Object.hasOwn(parsed, n) && parsed[n] === key[n]);
}
