import { isClusterScopedKind } from '../../loaders/kubernetes/cluster-scoped';
import type { ManifestObject } from '../../loaders/kubernetes/manifest-objects';
import { isSecretObject, maskSecretValues } from '../../loaders/kubernetes/secret-mask';
import type { ChangeSet } from '../../model/changeset';
import { InputError } from '../../model/errors';
import type { ResourceChange } from '../../model/resource-change';
import { SENSITIVE_MASK } from '../../model/resource-change';
import type { DriftItem } from '../drift-types';
import { FieldOwners } from './field-owners';
import { handEdits } from './hand-edits';
import { apiGroup, generatedObjects, identity, isBuiltInGroup, liveAddress, readLiveObjects } from './live-objects';
import { diffObject } from './object-diff';
import type { AttributedDrift } from './object-diff';

export interface KubernetesDriftOptions {
  /**
   * Field managers of the vendor's pipeline (docs/drift.md): a drifted value one of them owns
   * is the vendor's drift; one that only other managers own is shown "changed by <manager>".
   */
  readonly vendorManagers?: readonly string[];
  /**
   * Managers that are cluster automation (an HPA's `replicas`): an object whose every drifted
   * field only they own, on a field automation manages (AUTOMATED_FIELDS), is not open drift
   * (DriftItem.otherManagersOnly). Any other manager (kubectl-edit, a dashboard) is a hand
   * edit: attributed, and still drift.
   */
  readonly controllerManagers?: readonly string[];
  /** Namespace of approved objects that name none (applied with `-n`); default: see matchNamespace. */
  readonly defaultNamespace?: string;
}

/** kubectl (server-side and client-side apply), Helm, Argo CD and Flux, and Countersign itself. */
export const DEFAULT_VENDOR_MANAGERS: readonly string[] = [
  'kubectl', 'kubectl-client-side-apply', 'helm', 'argocd-controller', 'argocd-application-controller',
  'kustomize-controller', 'helm-controller', 'countersign',
];
/** The HPA and other controllers of kube-controller-manager, the VPA, the cluster autoscaler. */
export const DEFAULT_CONTROLLER_MANAGERS: readonly string[] = [
  'kube-controller-manager', 'vpa-updater', 'vpa-recommender', 'cluster-autoscaler',
];

export interface KubernetesDriftResult {
  /** Drift items (key '' here: the drift report keys them for the install). */
  readonly items: DriftItem[];
  /** The drifted objects' live state (masked), removed ones as deletes, for the contract. */
  readonly liveResources: ResourceChange[];
}

/**
 * Live Kubernetes objects (`kubectl get -o yaml|json` of the vendor's namespaces) compared with
 * the approved manifests of the last approved change set. Rules: docs/drift.md (Kubernetes).
 */
export function kubernetesDrift(approved: ChangeSet, file: string, liveText: string, options: KubernetesDriftOptions = {}): KubernetesDriftResult {
  const live = readLiveObjects(file, liveText);
  const generated = generatedObjects(live);
  const vendorManagers = new Set(options.vendorManagers ?? DEFAULT_VENDOR_MANAGERS);
  const controllers = new Set(options.controllerManagers ?? DEFAULT_CONTROLLER_MANAGERS);
  const byId = new Map(live.map((o) => [identity(o.apiVersion, o.kind, o.namespace, o.name), o]));
  const matched = new Set<ManifestObject>();
  const items: DriftItem[] = [];
  const liveResources: ResourceChange[] = [];

  for (const a of approvedObjects(approved)) {
    const o = matchLive(a, live, byId, options.defaultNamespace, file);
    if ((!o || matched.has(o)) && deletedWhenDone(a.after)) continue;
    if (!o || matched.has(o)) {
      items.push({ key: '', source: 'kubernetes', address: a.address, type: a.type, kind: 'removed', fields: [], otherManagersOnly: false });
      const { inputProblems: _approvedProblems, ...rest } = a;
      liveResources.push({ ...rest, action: 'delete', actions: ['delete'], before: a.after, after: null, drift: true });
      continue;
    }
    matched.add(o);
    const masked = maskSecretValues(o.object);
    const comparable = comparableApproved(a.after);
    const owners = new FieldOwners(o.object);
    const builtIn = isBuiltInGroup(apiGroup(o.apiVersion));
    const compared = diffObject(comparable, o.object, masked.object, { file, line: o.location.line, kind: o.kind, builtIn, owners, vendorManagers });
    // Whoever applied the approved values (the vendor's managers, a tool not in the list that
    // owns approved fields as approved) and cluster automation wrote the rest as expected.
    const expected = new Set([...vendorManagers, ...controllers, ...compared.appliers]);
    const diffs = [...compared.drifts, ...handEdits(comparable, o.object, masked.object, owners, { file, line: o.location.line, builtIn, expected })];
    if (diffs.length === 0) continue;
    const fields = diffs.map((d) => d.drift);
    const otherManagersOnly = diffs.every((d) => byAutomation(d, controllers));
    const address = liveAddress(o.kind, o.namespace, o.name);
    items.push({ key: '', source: 'kubernetes', address, type: o.kind, kind: 'changed', fields, otherManagersOnly, location: o.location });
    liveResources.push(liveResource(o, masked, 'update', a.after, a.component));
  }
  for (const o of live) {
    if (matched.has(o) || generated.has(o)) continue;
    const masked = maskSecretValues(o.object);
    const address = liveAddress(o.kind, o.namespace, o.name);
    items.push({ key: '', source: 'kubernetes', address, type: o.kind, kind: 'added', fields: [], otherManagersOnly: false, location: o.location });
    liveResources.push(liveResource(o, masked, 'create', null, ''));
  }
  return { items, liveResources };
}

/**
 * Fields that cluster automation writes by design: the replica count (an HPA, KEDA through an
 * HPA, scaling through the `scale` subresource). Manager names are chosen by the client, so a
 * controller's name on any other field (an image, a security context) never silences drift.
 */
const AUTOMATED_FIELDS: ReadonlySet<string> = new Set([JSON.stringify(['spec', 'replicas'])]);

/** A drifted field only cluster automation changed, on a field automation manages: not open drift. */
function byAutomation(d: AttributedDrift, controllers: ReadonlySet<string>): boolean {
  if (d.otherManagers.length === 0 || !AUTOMATED_FIELDS.has(JSON.stringify(d.drift.path))) return false;
  return d.otherManagers.every((m) => controllers.has(m));
}

/** The approved change set's Kubernetes objects that should be live (not deleted by it), each once. */
function approvedObjects(approved: ChangeSet): ResourceChange[] {
  const out = new Map<string, ResourceChange>();
  for (const r of approved.resources) {
    if (r.source !== 'kubernetes' || r.drift || r.action === 'delete' || r.after === null) continue;
    const id = identity(r.apiVersion, r.type, r.namespace, r.name);
    if (out.has(id)) {
      throw new InputError(approved.origin, `the approved change set has ${r.address} twice: which one the cluster should hold cannot be told`);
    }
    out.set(id, r);
  }
  return [...out.values()];
}

/**
 * The live object an approved one should be. An approved namespaced object that names no
 * namespace (Helm output, applied with `-n`) is looked up in `defaultNamespace` when given,
 * else wherever the snapshot has the one object of that group, kind and name; several such
 * objects make the snapshot ambiguous for it, which is refused rather than guessed.
 */
function matchLive(
  a: ResourceChange, live: readonly ManifestObject[], byId: ReadonlyMap<string, ManifestObject>, defaultNamespace: string | undefined, file: string,
): ManifestObject | undefined {
  if (a.namespace !== '' || isClusterScopedKind(a.type)) return byId.get(identity(a.apiVersion, a.type, a.namespace, a.name));
  if (defaultNamespace !== undefined) return byId.get(identity(a.apiVersion, a.type, defaultNamespace, a.name));
  const group = apiGroup(a.apiVersion);
  const candidates = live.filter((o) => o.kind === a.type && o.name === a.name && apiGroup(o.apiVersion) === group);
  if (candidates.length > 1) {
    const where = candidates.map((o) => o.namespace).join(', ');
    throw new InputError(file, `${a.address} is approved without a namespace and the snapshot has it in several (${where}): name the install's namespace`);
  }
  return candidates[0];
}

/**
 * A Helm or Argo CD hook that its tool deletes once it has succeeded (`helm.sh/hook-delete-policy:
 * hook-succeeded`, `argocd.argoproj.io/hook-delete-policy: HookSucceeded`): missing live is
 * what the approved manifest asked for, not a removal. Present live, it is compared as usual.
 */
function deletedWhenDone(after: unknown): boolean {
  const meta = isRecord(after) ? after.metadata : undefined;
  const annotations = isRecord(meta) ? meta.annotations : undefined;
  if (!isRecord(annotations)) return false;
  const policy = (key: string): string[] => (typeof annotations[key] === 'string' ? (annotations[key] as string).split(',').map((p) => p.trim()) : []);
  const hook = (key: string): boolean => typeof annotations[key] === 'string';
  return (hook('helm.sh/hook') && policy('helm.sh/hook-delete-policy').includes('hook-succeeded'))
    || ((hook('argocd.argoproj.io/hook') || hook('helm.sh/hook')) && policy('argocd.argoproj.io/hook-delete-policy').includes('HookSucceeded'));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The approved object as the API server stores it: a Secret's `stringData` is write-only (the
 * server merges it into `data` and never returns it), so its keys are expected under `data`.
 */
function comparableApproved(after: unknown): unknown {
  if (!isSecretObject(after)) return after;
  const secret = after as Record<string, unknown>;
  const stringData = secret.stringData;
  if (typeof stringData !== 'object' || stringData === null || Array.isArray(stringData)) return after;
  const data: Record<string, unknown> = {};
  const written = typeof secret.data === 'object' && secret.data !== null && !Array.isArray(secret.data) ? secret.data as Record<string, unknown> : {};
  for (const key of [...Object.keys(written), ...Object.keys(stringData)]) {
    Object.defineProperty(data, key, { value: SENSITIVE_MASK, enumerable: true, writable: true, configurable: true });
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(secret)) {
    if (k !== 'stringData') Object.defineProperty(out, k, { value: k === 'data' ? data : v, enumerable: true, writable: true, configurable: true });
  }
  if (!Object.hasOwn(out, 'data')) Object.defineProperty(out, 'data', { value: data, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Server-written metadata left out of the live state the contract sees. */
const SERVER_METADATA = ['managedFields', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'selfLink'];

function liveResource(o: ManifestObject, masked: ReturnType<typeof maskSecretValues>, action: 'create' | 'update', before: unknown, component: string): ResourceChange {
  const after = withoutServerFields(masked.object);
  const clusterScoped = isClusterScopedKind(o.kind);
  const change: ResourceChange = {
    source: 'kubernetes', address: liveAddress(o.kind, o.namespace, o.name), type: o.kind, name: o.name,
    namespace: clusterScoped ? '' : o.namespace, clusterScoped, apiVersion: o.apiVersion,
    action, actions: [action], mode: 'managed', before, after, unknownPaths: [], sensitivePaths: [...new Set(masked.sensitivePaths)],
    drift: true, location: o.location, component, module: '', actionReason: '',
  };
  // As the loader does: never enumerable, so JSON output and digests do not see them.
  Object.defineProperty(change, 'locate', { value: o.locate, enumerable: false });
  Object.defineProperty(change, 'document', { value: o.document, enumerable: false });
  return change;
}

function withoutServerFields(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(object)) {
    if (k === 'status') continue;
    let value = v;
    if (k === 'metadata' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const meta: Record<string, unknown> = {};
      for (const [mk, mv] of Object.entries(v)) {
        if (!SERVER_METADATA.includes(mk)) Object.defineProperty(meta, mk, { value: mv, enumerable: true, writable: true, configurable: true });
      }
      value = meta;
    }
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
