import { containersOf, podSpecOf } from '../../base/pod-spec';
import type { ContainerRef } from '../../base/pod-spec';
import type { ResourceChange, UnresolvedReference } from '../../model/resource-change';
import { imageView } from '../cel/functions/image';
import type { ImageView } from '../cel/functions/image';
import { hintedUnknownValue, isUnknownValue, unknownValue } from '../cel/unknown-value';
import { isPlainMap } from '../cel/values';

/** The `resource` variable policies see (docs/contract-format.md, "resource fields"). */
export interface ResourceView {
  readonly source: string;
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly namespace: string;
  readonly clusterScoped: boolean;
  readonly apiVersion: string;
  readonly action: string;
  readonly actions: readonly string[];
  readonly mode: string;
  readonly drift: boolean;
  readonly component: string;
  readonly module: string;
  readonly actionReason: string;
  readonly unknown: readonly string[];
  readonly sensitive: readonly string[];
  readonly labels: Readonly<Record<string, unknown>>;
  readonly annotations: Readonly<Record<string, unknown>>;
  /** The parsed reference; an unknown-value sentinel when the image is known only after apply. */
  readonly image: Readonly<ImageView> | null;
  readonly usedBy: readonly string[];
  /** Terraform: {address, type, attribute} of each referrer, then an unknown value per unresolved one. */
  readonly referencedBy: readonly unknown[];
  readonly planTypes: readonly string[];
  readonly podSpec: Readonly<Record<string, unknown>> | null;
  readonly containers: readonly ContainerRef[];
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

function mapAt(obj: unknown, ...keys: string[]): Record<string, unknown> | undefined {
  let cur = obj;
  for (const k of keys) {
    if (!isPlainMap(cur)) return undefined;
    cur = cur[k];
  }
  return isPlainMap(cur) ? cur : undefined;
}

/** mapAt over a value holding unknowns (unknown-value.ts): an unknown on the way is the answer. */
function partialMapAt(obj: unknown, ...keys: string[]): Record<string, unknown> | undefined {
  let cur = obj;
  for (const k of keys) {
    if (isUnknownValue(cur)) return cur as Record<string, unknown>;
    if (!isPlainMap(cur)) return undefined;
    cur = cur[k];
  }
  return isUnknownValue(cur) || isPlainMap(cur) ? (cur as Record<string, unknown>) : undefined;
}

/**
 * Kubernetes `metadata.labels`; Terraform `tags_all`, else `tags` (after the change, else
 * before). Given `after` with its unknowns in place (withUnknowns), an unknown `tags_all` makes
 * the labels unknown as a whole, never `tags` or empty.
 */
export function labelsOf(r: ResourceChange, partialAfter?: unknown): Readonly<Record<string, unknown>> {
  if (r.source === 'kubernetes') return mapAt(r.after, 'metadata', 'labels') ?? mapAt(r.before, 'metadata', 'labels') ?? EMPTY;
  if (r.source === 'terraform') {
    const after = partialAfter === undefined ? mapAt : partialMapAt;
    const value = partialAfter === undefined ? r.after : partialAfter;
    return after(value, 'tags_all') ?? after(value, 'tags') ?? mapAt(r.before, 'tags_all') ?? mapAt(r.before, 'tags') ?? EMPTY;
  }
  return EMPTY;
}

/**
 * The labels (Kubernetes) or tags (Terraform) the resource carries BEFORE the change. A policy
 * matching labels applies when the resource carries them before or after the change, as the
 * apiserver runs a policy when the old or the new object matches its objectSelector: otherwise
 * a change that also drops the label would escape the policy meant for it.
 */
export function labelsBefore(r: ResourceChange): Readonly<Record<string, unknown>> {
  if (r.source === 'kubernetes') return mapAt(r.before, 'metadata', 'labels') ?? EMPTY;
  if (r.source === 'terraform') return mapAt(r.before, 'tags_all') ?? mapAt(r.before, 'tags') ?? EMPTY;
  return EMPTY;
}

const NO_REFERENCES: readonly unknown[] = Object.freeze([]);

/**
 * `resource.referencedBy`: the resolved referrers, then one entry per referrer that could not
 * be resolved (loaders/terraform/resource-references.ts) whose fields are unknown, each hinted
 * with the value it would have (unknown-value.ts hintedUnknownValue): `r.type == "x"` is
 * unknown for a possible referrer of type x and false for one of another type, so "is there
 * one?" is unknown rather than false only while one may exist. A plan without a usable
 * configuration, or a Terraform resource whose references were never computed (built by
 * hand), gives an entry that is unknown as a whole: absence is not proof.
 */
function referencedByView(r: ResourceChange): readonly unknown[] {
  if (r.source !== 'terraform') return NO_REFERENCES;
  if (r.referencedBy === undefined) return [unknownValue('resource.referencedBy (not computed for this resource)')];
  const unresolved = r.referencesUnresolved ?? [];
  if (unresolved.length === 0) return r.referencedBy;
  return [...r.referencedBy, ...unresolved.map(unresolvedEntry)];
}

function unresolvedEntry(u: UnresolvedReference): unknown {
  if (u.address === '') return unknownValue(`resource.referencedBy (${u.reason})`);
  const path = `resource.referencedBy: ${u.address}${u.attribute === '' ? '' : `.${u.attribute}`}${u.reason === '' ? '' : ` (${u.reason})`} may refer to it`;
  return Object.freeze({
    address: hintedUnknownValue(path, u.address),
    type: hintedUnknownValue(path, u.type),
    attribute: u.attribute === '' ? unknownValue(path) : hintedUnknownValue(path, u.attribute),
  });
}

const NO_TYPES: readonly string[] = Object.freeze([]);

/**
 * The resource's view holds unknown values even when its object holds none (references not
 * resolved), so a policy reading them runs as partial evaluation (unknown-value.ts), like the
 * policies of a resource with unknowns. Without it the result is still unknown, never a pass
 * (every look at an unknown throws), only less precise.
 */
export function viewHoldsUnknowns(r: ResourceChange): boolean {
  return r.source === 'terraform' && (r.referencedBy === undefined || (r.referencesUnresolved?.length ?? 0) > 0);
}

const READS_REFERENCES = new WeakMap<object, boolean>();

/**
 * Whether a policy's CEL (condition, message, path) names `referencedBy`: only such a policy
 * makes the loader resolve references, and runs partially over unresolved ones.
 */
export function readsReferences(policy: { readonly condition: string; readonly message: string; readonly path?: string }): boolean {
  let reads = READS_REFERENCES.get(policy);
  if (reads === undefined) {
    reads = [policy.condition, policy.message, policy.path ?? ''].some((text) => text.includes('referencedBy'));
    READS_REFERENCES.set(policy, reads);
  }
  return reads;
}

/** The resource's policy runs as partial evaluation: unknowns in its object, or in the references it reads. */
export function runsPartially(r: ResourceChange, policy: Parameters<typeof readsReferences>[0]): boolean {
  return r.unknownPaths.length > 0 || (readsReferences(policy) && viewHoldsUnknowns(r));
}

/** Where a view keeps its resource and its lazily built `referencedBy` (symbols: no CEL look sees them). */
const SOURCE = Symbol('resource');
const REFERENCED_BY = Symbol('referencedBy');
type Lazy = { readonly [SOURCE]: ResourceChange; [REFERENCED_BY]?: readonly unknown[] };

/**
 * The view's lazy fields, one shared descriptor each. Getters written in the object literal
 * put every view in dictionary mode (V8), so every `resource.x` a policy read was a hash
 * lookup; getters defined with shared descriptors keep one fast shape for all views (issue 13).
 */
const REFERENCED_BY_FIELD: PropertyDescriptor = Object.freeze({
  enumerable: true,
  get(this: Lazy): readonly unknown[] {
    // Read lazily: the loader resolves a plan's references only when a policy first asks.
    return (this[REFERENCED_BY] ??= referencedByView(this[SOURCE]));
  },
});
const PLAN_TYPES_FIELD: PropertyDescriptor = Object.freeze({
  enumerable: true,
  get(this: Lazy): readonly string[] {
    return this[SOURCE].planTypes ?? NO_TYPES;
  },
});

/** Builds the view once per resource; every policy that matches the resource shares it. */
export function resourceView(r: ResourceChange, labels: Readonly<Record<string, unknown>> = labelsOf(r)): ResourceView {
  const k8s = r.source === 'kubernetes';
  const annotations = k8s ? mapAt(r.after, 'metadata', 'annotations') ?? mapAt(r.before, 'metadata', 'annotations') ?? EMPTY : EMPTY;
  const view = {
    source: r.source,
    address: r.address,
    type: r.type,
    name: r.name,
    namespace: r.namespace,
    clusterScoped: r.clusterScoped,
    apiVersion: r.apiVersion,
    action: r.action,
    actions: r.actions,
    mode: r.mode,
    drift: r.drift,
    component: r.component,
    module: r.module,
    actionReason: r.actionReason,
    unknown: r.unknownPaths,
    sensitive: r.sensitivePaths,
    labels,
    annotations,
    // An image known only after apply (loaders/images): the whole reference is unknown.
    image: r.image ? (r.source === 'image' && r.unknownPaths.includes('image') ? (unknownValue('image') as ImageView) : imageView(r.image)) : null,
    usedBy: r.usedBy ?? [],
  } as Record<string | symbol, unknown>;
  // The same keys in the same order as ever (a policy may iterate them): the lazy ones, then the rest.
  // Not enumerable (a copy of the view, `{...view}`, must not carry them), defined before use.
  Object.defineProperty(view, SOURCE, { value: r, writable: true });
  Object.defineProperty(view, REFERENCED_BY, { value: undefined, writable: true });
  Object.defineProperty(view, 'referencedBy', REFERENCED_BY_FIELD);
  Object.defineProperty(view, 'planTypes', PLAN_TYPES_FIELD);
  view.podSpec = k8s ? podSpecOf(r.type, r.after) : null;
  // Fresh objects with exactly the fields policies read (type, index, name, image, spec, path):
  // no second copy per container.
  view.containers = k8s ? containersOf(r.type, r.after) : [];
  return view as unknown as ResourceView;
}
