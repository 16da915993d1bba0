import { isClusterScopedKind } from '../../loaders/kubernetes/cluster-scoped';
import { readManifestObjects } from '../../loaders/kubernetes/manifest-objects';
import type { ManifestObject } from '../../loaders/kubernetes/manifest-objects';
import { InputError } from '../../model/errors';

/** API group, not version: the server answers in its preferred version, the manifest may name another. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** Built-in groups: the core group and *.k8s.io (whose list keys and quantity fields we know). */
export function isBuiltInGroup(group: string): boolean {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

/** `Kind/namespace/name`, or `Kind/name` when cluster-scoped, as the loaders write addresses. */
export function liveAddress(kind: string, namespace: string, name: string): string {
  return namespace !== '' && !isClusterScopedKind(kind) ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}

export function identity(apiVersion: string, kind: string, namespace: string, name: string): string {
  return JSON.stringify([apiGroup(apiVersion), kind, isClusterScopedKind(kind) ? '' : namespace, name]);
}

/**
 * Reads a live snapshot (`kubectl get -o yaml|json`: a List, or a stream of documents) with the
 * manifest loader, more strictly than a manifest: YAML kubectl never writes (anchors, aliases,
 * tags, `<<`) and anything kubectl would read differently refuse the file, and so does an object
 * that appears twice (the API server holds one object per name).
 */
export function readLiveObjects(file: string, text: string): ManifestObject[] {
  const objects = readManifestObjects(file, text, { kubectlOutput: true });
  const problem = objects.flatMap((o) => o.problems)[0];
  if (problem) {
    throw new InputError(file, `kubectl would read this snapshot differently: ${problem.message}`, problem.location.line, problem.location.column);
  }
  const seen = new Set<string>();
  const uids = new Set<string>();
  for (const o of objects) {
    const uid = uidOf(o);
    if (uid !== undefined && uids.has(uid)) {
      throw new InputError(file, `${liveAddress(o.kind, o.namespace, o.name)} repeats the uid of another object: uids are unique in a cluster, so this is not one snapshot`, o.location.line, o.location.column);
    }
    if (uid !== undefined) uids.add(uid);
    const id = identity(o.apiVersion, o.kind, o.namespace, o.name);
    if (seen.has(id)) {
      throw new InputError(file, `${liveAddress(o.kind, o.namespace, o.name)} appears twice: a cluster holds one object per name, so this is not one snapshot`, o.location.line, o.location.column);
    }
    seen.add(id);
  }
  return objects;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function uidOf(o: ManifestObject): string | undefined {
  const meta = o.object.metadata;
  return isObject(meta) && typeof meta.uid === 'string' && meta.uid !== '' ? meta.uid : undefined;
}

/** The uid of the object's controller (its ownerReference with controller: true), if any. */
function controllerUid(o: ManifestObject): string | undefined {
  const meta = o.object.metadata;
  const refs = isObject(meta) && Array.isArray(meta.ownerReferences) ? meta.ownerReferences : [];
  const ref = refs.find((r) => isObject(r) && r.controller === true && typeof r.uid === 'string');
  return isObject(ref) ? (ref.uid as string) : undefined;
}

/**
 * Live objects the control plane makes, which no pipeline applies and which are therefore never
 * "added outside the pipeline":
 * - an object whose controller (ownerReference, controller: true) is in the snapshot, following
 *   the chain to an object that is not controlled (Pod → ReplicaSet → Deployment): the root is
 *   compared or reported, its products are not. A chain that loops, or whose controller is not
 *   in the snapshot, does not count (fail closed: reported as added);
 * - what every namespace gets: the `kube-root-ca.crt` ConfigMap and the `default` ServiceAccount;
 * - Events, and the Endpoints object of a Service in the snapshot.
 */
export function generatedObjects(objects: readonly ManifestObject[]): Set<ManifestObject> {
  const byUid = new Map<string, ManifestObject>();
  for (const o of objects) {
    const uid = uidOf(o);
    if (uid !== undefined) byUid.set(uid, o);
  }
  const services = new Set(objects.filter((o) => o.kind === 'Service' && apiGroup(o.apiVersion) === '').map((o) => `${o.namespace}/${o.name}`));
  const out = new Set<ManifestObject>();
  for (const o of objects) {
    const group = apiGroup(o.apiVersion);
    if (hasControllerRoot(o, byUid)) out.add(o);
    else if (group === '' && o.kind === 'ConfigMap' && o.name === 'kube-root-ca.crt') out.add(o);
    else if (group === '' && o.kind === 'ServiceAccount' && o.name === 'default') out.add(o);
    else if (o.kind === 'Event' && (group === '' || group === 'events.k8s.io')) out.add(o);
    else if (group === '' && o.kind === 'Endpoints' && services.has(`${o.namespace}/${o.name}`)) out.add(o);
  }
  return out;
}

function hasControllerRoot(o: ManifestObject, byUid: ReadonlyMap<string, ManifestObject>): boolean {
  const visited = new Set<ManifestObject>([o]);
  let uid = controllerUid(o);
  if (uid === undefined) return false;
  for (;;) {
    const owner = byUid.get(uid);
    if (!owner || visited.has(owner)) return false;
    visited.add(owner);
    uid = controllerUid(owner);
    if (uid === undefined) return true;
  }
}
