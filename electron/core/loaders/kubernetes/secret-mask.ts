import { SENSITIVE_MASK } from '../../model/resource-change';

type Json = Record<string, unknown>;

/** kubectl keeps the whole last-applied object, Secret values included, in this annotation. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Top-level fields of a Secret that hold no secret value (metadata, and the others when they are
 * scalars). Every other field is masked: `data` and `stringData`, and also a misspelt or unknown
 * field (`stringdata:`), which the cluster may drop but which was written to hold a value.
 */
const SECRET_STRUCTURE = new Set(['apiVersion', 'kind', 'metadata', 'type', 'immutable']);

/** ObjectMeta's fields (k8s.io/apimachinery meta/v1). */
const OBJECT_META = new Set([
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
]);

/** Deeper than any real object: past it the walk masks whole subtrees rather than recurse further. */
const MAX_WALK_DEPTH = 300;

export interface MaskedObject {
  readonly object: Json;
  /** Dotted paths of masked values (`data.password`, `data["tls.crt"]`, `items[0].data.password`). */
  readonly sensitivePaths: readonly string[];
}

function isContainer(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A mapping that kubectl would apply as a Secret. The kind is compared without case or
 * surrounding blanks and whatever its apiVersion: masking a look-alike costs nothing, missing
 * a real Secret leaks it (fail closed).
 */
export function isSecretObject(v: unknown): boolean {
  return isObject(v) && typeof v.kind === 'string' && v.kind.trim().toLowerCase() === 'secret';
}

/**
 * A `SecretList`: kubectl reads any object with `items` as a list, and gives an item without
 * apiVersion and kind the list's item kind, so such items are applied as Secrets.
 */
export function holdsSecretItems(v: unknown): boolean {
  return isObject(v) && typeof v.kind === 'string' && v.kind.trim().toLowerCase() === 'secretlist' && Array.isArray(v.items);
}

/** An item of a SecretList that kubectl would apply as a Secret. */
export function isImpliedSecret(item: unknown): boolean {
  return isObject(item) && typeof item.kind !== 'string';
}

/** `a.b` for identifier-like keys, `a["tls.crt"]` otherwise, so a path stays unambiguous. */
export function childPath(parent: string, key: string): string {
  if (parent === '') return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

function setOwn(target: Json, key: string, value: unknown): void {
  // defineProperty keeps a literal "__proto__" key as data instead of changing the prototype.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Secret values never leave the loader. Wherever a Secret sits in the object (the object itself,
 * the items of a `kind: List` or of any `items` list, a Secret embedded in a custom resource's
 * template), every value of its non-structural fields (`data`, `stringData`, anything unknown) is
 * replaced by SENSITIVE_MASK; keys of `data`/`stringData` stay visible, so policies can still
 * check which keys a Secret has. kubectl's last-applied annotation is masked on a Secret, and on
 * any object when it holds a Secret or cannot be read (it is a JSON copy of an applied object).
 * Copy-on-write: an object without secrets is returned as is.
 */
export function maskSecretValues(object: Json): MaskedObject {
  const paths: string[] = [];
  const masked = maskTree(object, '', paths, 0) as Json;
  return { object: masked, sensitivePaths: paths };
}

function maskTree(value: unknown, path: string, paths: string[], depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_WALK_DEPTH) {
    paths.push(path);
    return SENSITIVE_MASK;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const m = maskTree(item, `${path}[${i}]`, paths, depth + 1);
      if (m !== item) (copy ??= value.slice())[i] = m;
    });
    return copy ?? value;
  }
  const obj = value as Json;
  if (isSecretObject(obj)) return maskSecret(obj, path, paths);
  const secretItems = holdsSecretItems(obj);
  let copy: Json | undefined;
  for (const key of Object.keys(obj)) {
    const child = obj[key];
    const at = childPath(path, key);
    const m = key === 'items' && secretItems
      ? (child as unknown[]).map((item, i) => (isImpliedSecret(item) ? maskSecret(item as Json, `${at}[${i}]`, paths) : maskTree(item, `${at}[${i}]`, paths, depth + 2)))
      : maskTree(key === 'metadata' ? maskLastApplied(child, at, paths) : child, at, paths, depth + 1);
    if (m !== child) setOwn((copy ??= { ...obj }), key, m);
  }
  return copy ?? obj;
}

function maskSecret(secret: Json, path: string, paths: string[]): Json {
  const out: Json = {};
  for (const field of Object.keys(secret)) {
    const value = secret[field];
    const at = childPath(path, field);
    if (field === 'metadata' || value === null || value === undefined || (SECRET_STRUCTURE.has(field) && !isContainer(value))) setOwn(out, field, value);
    else if (isObject(value)) {
      const values: Json = {};
      for (const key of Object.keys(value)) {
        setOwn(values, key, SENSITIVE_MASK);
        paths.push(childPath(at, key));
      }
      setOwn(out, field, values);
    } else {
      setOwn(out, field, SENSITIVE_MASK);
      paths.push(at);
    }
  }
  // After the values, so paths list data before the annotation; redefining keeps the key's place.
  if (Object.hasOwn(secret, 'metadata')) {
    const at = childPath(path, 'metadata');
    setOwn(out, 'metadata', maskUnknownMetadata(maskLastApplied(secret.metadata, at, paths, true), at, paths));
  }
  return out;
}

/** A Secret's metadata fields that ObjectMeta does not have may hold anything: masked (the cluster drops them). */
function maskUnknownMetadata(metadata: unknown, path: string, paths: string[]): unknown {
  if (!isObject(metadata)) return metadata;
  let copy: Json | undefined;
  for (const key of Object.keys(metadata)) {
    if (OBJECT_META.has(key) || metadata[key] === null || metadata[key] === undefined) continue;
    setOwn((copy ??= { ...metadata }), key, SENSITIVE_MASK);
    paths.push(childPath(path, key));
  }
  return copy ?? metadata;
}

/** metadata with the last-applied annotation masked when it is a Secret's (or holds one, or is unreadable). */
function maskLastApplied(metadata: unknown, path: string, paths: string[], ofSecret = false): unknown {
  if (!isObject(metadata) || !isObject(metadata.annotations) || !Object.hasOwn(metadata.annotations, LAST_APPLIED)) return metadata;
  const applied = metadata.annotations[LAST_APPLIED];
  if (!ofSecret && !holdsSecret(applied)) return metadata;
  paths.push(childPath(childPath(path, 'annotations'), LAST_APPLIED));
  const annotations = { ...metadata.annotations };
  setOwn(annotations, LAST_APPLIED, SENSITIVE_MASK);
  return { ...metadata, annotations };
}

/** An annotation value that holds a Secret, or that is not plain JSON we can check (fail closed). */
export function holdsSecret(text: unknown): boolean {
  if (typeof text !== 'string') return text !== null && text !== undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return true;
  }
  return containsSecret(parsed, 0);
}

/** Whether a parsed value has a Secret anywhere in it. */
export function containsSecret(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth > MAX_WALK_DEPTH || isSecretObject(value)) return true;
  if (holdsSecretItems(value) && (value as { items: unknown[] }).items.some(isImpliedSecret)) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((c) => containsSecret(c, depth + 1));
}
