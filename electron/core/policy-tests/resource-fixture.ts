import { parseImageReference } from '../base/image-reference';
import { EMPTY_METADATA } from '../model/changeset';
import type { ChangeSet } from '../model/changeset';
import type { ResourceFixture } from '../model/policy';
import type { ImageReference, ResourceChange, SourceLocation } from '../model/resource-change';

const NO_IMAGE: ImageReference = { reference: '', registry: '', repository: '', tag: '', digest: '' };

function stringAt(value: unknown, ...keys: string[]): string | undefined {
  let cur = value;
  for (const k of keys) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return typeof cur === 'string' ? cur : undefined;
}

/** The image of an image fixture, parsed as extract-images does (an unparseable one keeps only its text). */
function imageOf(f: ResourceFixture): ImageReference {
  if ((f.unknownPaths ?? []).includes('image')) return NO_IMAGE;
  try {
    return parseImageReference(f.address);
  } catch {
    return { ...NO_IMAGE, reference: f.address };
  }
}

/**
 * An inline test's resource as the ResourceChange a loader would have produced: omitted
 * fields take the loader's value (Kubernetes name/namespace/apiVersion from the object, one
 * action, `managed`, nothing unknown), so the engine's own resource view and labels apply.
 */
export function resourceFromFixture(f: ResourceFixture, location: SourceLocation): ResourceChange {
  const k8s = f.source === 'kubernetes';
  const object = f.after ?? f.before ?? null;
  return {
    source: f.source,
    address: f.address,
    type: f.type,
    name: f.name ?? (k8s ? stringAt(object, 'metadata', 'name') ?? '' : ''),
    namespace: f.namespace ?? (k8s ? stringAt(object, 'metadata', 'namespace') ?? '' : ''),
    clusterScoped: f.clusterScoped ?? false,
    apiVersion: f.apiVersion ?? (k8s ? stringAt(object, 'apiVersion') ?? '' : ''),
    action: f.action,
    actions: f.actions ?? [f.action],
    mode: f.mode ?? 'managed',
    before: f.before ?? null,
    after: f.after ?? null,
    unknownPaths: f.unknownPaths ?? [],
    sensitivePaths: f.sensitivePaths ?? [],
    drift: f.drift ?? false,
    location,
    component: f.component ?? '',
    module: f.module ?? '',
    actionReason: f.actionReason ?? '',
    ...(f.source === 'image' ? { image: imageOf(f), usedBy: f.usedBy ?? [] } : f.usedBy !== undefined ? { usedBy: f.usedBy } : {}),
  };
}

/** A change set holding just that resource (no metadata: `changeset.*` reads as empty). */
export function fixtureChangeSet(resource: ResourceChange, origin: string): ChangeSet {
  return { digest: '', metadata: EMPTY_METADATA, artifacts: [], files: [], resources: [resource], origin };
}

/**
 * The fixture that reproduces a loaded resource: its fields from the (masked) model, with the
 * ones a loader would derive left out to keep the test short. Takes only the listed fields:
 * locations, source text and input problems never enter a contract.
 */
export function fixtureOf(r: ResourceChange): ResourceFixture {
  const derived = resourceFromFixture({ source: r.source, type: r.type, address: r.address, action: r.action, before: r.before, after: r.after }, r.location);
  const out: Record<string, unknown> = { source: r.source, type: r.type, address: r.address, action: r.action };
  const keep = (key: keyof ResourceFixture, value: unknown, implied: unknown): void => {
    if (JSON.stringify(value) !== JSON.stringify(implied)) out[key] = value;
  };
  keep('name', r.name, derived.name);
  keep('namespace', r.namespace, derived.namespace);
  keep('clusterScoped', r.clusterScoped, false);
  keep('apiVersion', r.apiVersion, derived.apiVersion);
  keep('actions', r.actions, [r.action]);
  keep('mode', r.mode, 'managed');
  if (r.before !== null && r.before !== undefined) out.before = r.before;
  if (r.after !== null && r.after !== undefined) out.after = r.after;
  keep('unknownPaths', r.unknownPaths, []);
  keep('sensitivePaths', r.sensitivePaths, []);
  keep('drift', r.drift, false);
  keep('component', r.component, '');
  keep('module', r.module, '');
  keep('actionReason', r.actionReason, '');
  if (r.usedBy !== undefined && r.usedBy.length > 0) out.usedBy = r.usedBy;
  return out as unknown as ResourceFixture;
}
