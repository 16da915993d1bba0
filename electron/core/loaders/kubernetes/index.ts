import { isDeepStrictEqual } from 'node:util';
import type { InputProblem, ResourceAction, ResourceChange } from '../../model/resource-change';
import { isClusterScopedKind } from './cluster-scoped';
import { readManifestObjects } from './manifest-objects';
import type { ManifestObject } from './manifest-objects';
import { maskSecretValues } from './secret-mask';

export { isClusterScopedKind } from './cluster-scoped';
export { NotKubernetesError } from './manifest-objects';

export interface KubernetesLoadOptions {
  /** Bundle component the file belongs to ('' when none). */
  readonly component?: string;
  /** The manifests of the release being replaced: objects are diffed against them. */
  readonly previous?: { readonly file: string; readonly text: string };
}

/**
 * Loads Kubernetes manifests (YAML or JSON, multi-document, lists, `helm template` output) as
 * ResourceChanges. Without `previous` every object is a create; with it, objects are matched by
 * (API group, kind, namespace, name) into create / update / no-op / delete.
 * Each change has a non-enumerable `locate(path)` giving the exact line/column of any field.
 */
export function loadKubernetesManifests(file: string, text: string, options: KubernetesLoadOptions = {}): ResourceChange[] {
  const component = options.component ?? '';
  const current = readManifestObjects(file, text);
  if (!options.previous) return current.map((o) => toChange(o, null, component));

  const previous = readManifestObjects(options.previous.file, options.previous.text);
  // Several objects may share a key (a file that repeats an object): they pair up in order.
  const unmatched = new Map<string, ManifestObject[]>();
  for (const old of previous) {
    const key = identityKey(old);
    const list = unmatched.get(key);
    if (list) list.push(old);
    else unmatched.set(key, [old]);
  }
  const changes = current.map((o) => toChange(o, unmatched.get(identityKey(o))?.shift() ?? null, component));
  const deleted = previous.filter((old) => unmatched.get(identityKey(old))?.includes(old));
  return [...changes, ...deleted.map((old) => toDeletion(old, component))];
}

/** API group, not version: moving apps/v1beta2 → apps/v1 is an update of the same object. */
function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

function namespaceOf(o: ManifestObject): string {
  return isClusterScopedKind(o.kind) ? '' : o.namespace;
}

function identityKey(o: ManifestObject): string {
  return JSON.stringify([apiGroup(o.apiVersion), o.kind, namespaceOf(o), o.name]);
}

function addressOf(o: ManifestObject): string {
  const ns = namespaceOf(o);
  return ns ? `${o.kind}/${ns}/${o.name}` : `${o.kind}/${o.name}`;
}

function toChange(o: ManifestObject, old: ManifestObject | null, component: string): ResourceChange {
  let action: ResourceAction = 'create';
  if (old) action = isDeepStrictEqual(old.object, o.object) ? 'no-op' : 'update';
  const after = maskSecretValues(o.object);
  const before = old ? maskSecretValues(old.object) : null;
  const problems = [...o.problems, ...(old?.problems ?? [])];
  return build(o, action, before?.object ?? null, after.object, [...(before?.sensitivePaths ?? []), ...after.sensitivePaths], component, problems);
}

function toDeletion(old: ManifestObject, component: string): ResourceChange {
  const before = maskSecretValues(old.object);
  return build(old, 'delete', before.object, null, before.sensitivePaths, component, old.problems);
}

function build(
  o: ManifestObject, action: ResourceAction, before: unknown, after: unknown,
  sensitivePaths: readonly string[], component: string, problems: readonly InputProblem[],
): ResourceChange {
  const change: ResourceChange = {
    source: 'kubernetes',
    address: addressOf(o),
    type: o.kind,
    name: o.name,
    namespace: namespaceOf(o),
    clusterScoped: isClusterScopedKind(o.kind),
    apiVersion: o.apiVersion,
    action,
    actions: [action],
    mode: 'managed',
    before,
    after,
    unknownPaths: [],
    sensitivePaths: [...new Set(sensitivePaths)],
    drift: false,
    location: o.location,
    component,
    module: '',
    actionReason: '',
    // Only when there is one, so that JSON output and digests of clean input stay as they were.
    ...(problems.length > 0 ? { inputProblems: problems } : {}),
  };
  // Non-enumerable: JSON output, hashing and structured clones never see the function.
  Object.defineProperty(change, 'locate', { value: o.locate, enumerable: false });
  // The document number tells apart objects that repeat an address (review list); not digested.
  Object.defineProperty(change, 'document', { value: o.document, enumerable: false });
  return change;
}
