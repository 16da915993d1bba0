// Test fixtures (drift, D2): live Kubernetes objects as the API server returns them for approved manifests (tests only).
import { readManifestObjects } from '../loaders/kubernetes/manifest-objects';
import { loadKubernetesManifests } from '../loaders/kubernetes';
import type { ChangeSet } from '../model/changeset';
import { EMPTY_METADATA } from '../model/changeset';
import { itemIdentity, listKeyOf } from '../drift/kubernetes/list-keys';

type Json = Record<string, unknown>;

export function approvedChangeSet(file: string, text: string): ChangeSet {
  return { digest: `sha256:${'0'.repeat(64)}`, metadata: EMPTY_METADATA, artifacts: [], files: [], resources: loadKubernetesManifests(file, text), origin: file };
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * FieldsV1 for every field of `value`, as the server records what a manager applied: `f:` per
 * map key, `k:{...}` per item of an associative list, `.` for an item, `{}` for a leaf (a
 * scalar or an atomic list).
 */
export function fieldsV1(value: unknown, field?: string): Json {
  if (Array.isArray(value)) {
    const key = listKeyOf(field, value, true);
    if (!key) return {};
    const out: Json = {};
    for (const item of value) {
      const id = itemIdentity(item, key);
      if (id !== undefined) out[`k:${id}`] = { '.': {}, ...fieldsV1(item) };
    }
    return out;
  }
  if (!isObject(value)) return {};
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[`f:${k}`] = fieldsV1(v, k);
  return out;
}

let uidCounter = 0;

/** A uid as the server writes one (unique per call). */
export function uid(): string {
  uidCounter++;
  return `0f1e2d3c-0000-4000-8000-${String(uidCounter).padStart(12, '0')}`;
}

export interface ServerViewOptions {
  readonly manager?: string;
  readonly namespace?: string;
  readonly extraManagedFields?: readonly Json[];
}

/**
 * The object as `kubectl get -o yaml --show-managed-fields` returns it after the manifest was
 * applied: server metadata (uid, resourceVersion, generation, creationTimestamp, managedFields
 * of the applying manager), status, and fields the API server defaults (which the manifest does
 * not set and which are therefore never drift).
 */
export function serverView(applied: Json, options: ServerViewOptions = {}): Json {
  const live = structuredClone(applied) as Json;
  const spec = isObject(live.spec) ? live.spec : undefined;
  const metadata = { ...(live.metadata as Json) };
  if (metadata.annotations === null) delete metadata.annotations;
  if (options.namespace && metadata.namespace === undefined) metadata.namespace = options.namespace;
  live.metadata = metadata;
  if (live.kind === 'Deployment' && spec) {
    spec.replicas ??= 1;
    spec.progressDeadlineSeconds ??= 600;
    spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
    defaultPodSpec((spec.template as Json).spec as Json);
    live.status = { observedGeneration: 1, replicas: 1, readyReplicas: 1, conditions: [{ type: 'Available', status: 'True' }] };
  }
  if (live.kind === 'Service' && spec) {
    spec.clusterIP ??= '10.96.14.7';
    spec.clusterIPs ??= ['10.96.14.7'];
    spec.sessionAffinity ??= 'None';
    for (const p of (spec.ports as Json[] | undefined) ?? []) p.protocol ??= 'TCP';
    live.status = { loadBalancer: {} };
  }
  // An Update (Helm, client-side apply, create) owns every field it wrote, defaults included:
  // the server attributes the defaulted fields to the request that created the object.
  const { status: _status, apiVersion: _v, kind: _k, metadata: _m, ...body } = live;
  const managed = fieldsV1({ ...body, metadata: { labels: metadata.labels, annotations: metadata.annotations } });
  Object.assign(metadata, {
    uid: uid(), resourceVersion: '48213', generation: 1, creationTimestamp: '2026-11-30T09:12:44Z',
    managedFields: [
      { manager: options.manager ?? 'helm', operation: 'Update', apiVersion: live.apiVersion, time: '2026-11-30T09:12:44Z', fieldsType: 'FieldsV1', fieldsV1: managed },
      ...(options.extraManagedFields ?? []),
    ],
  });
  return live;
}

function defaultPodSpec(pod: Json): void {
  pod.restartPolicy ??= 'Always';
  pod.schedulerName ??= 'default-scheduler';
  pod.securityContext ??= {};
  for (const c of (pod.containers as Json[] | undefined) ?? []) {
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    for (const p of (c.ports as Json[] | undefined) ?? []) p.protocol ??= 'TCP';
  }
}

/** Raw objects of a manifest file (as written, Secrets unmasked: for building live views). */
export function rawObjects(file: string, text: string): Json[] {
  return readManifestObjects(file, text).map((o) => o.object);
}

/** `kubectl get -o json` output: a List of the objects. */
export function liveListJson(items: readonly Json[]): string {
  return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } }, null, 4)}\n`;
}
