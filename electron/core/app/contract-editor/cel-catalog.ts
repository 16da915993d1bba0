/**
 * The CEL editor's catalogue (issue 9, "CEL in Monaco" and the builder's path picker):
 * variables and domain functions with their docs, and what stored change sets really hold —
 * resource types, namespaces, label keys, field paths per type (from the masked values the
 * engine evaluates) and container fields — plus each policy's parameters. Bounded in size.
 */
import type { CelCatalog, CelCatalogParameter, CelCatalogPolicy, CelCatalogResourceType } from '../../base/policy-builder';
import { containersOf } from '../../base/pod-spec';
import type { ResolvedContract } from '../../engine';
import { CEL_VARIABLE_DOCS, functionDocs } from '../../engine/cel/function-docs';
import { labelsOf } from '../../engine/evaluate/resource-view';
import type { ChangeSet } from '../../model/changeset';
import type { ResourceChange } from '../../model/resource-change';
import type { Workspace } from '../../store';
import { listChangeSets, rebuildStored } from '../change-set-service';
import { ShapeCollector } from './resource-shapes';

export const CATALOG_LIMITS = {
  changeSets: 25,
  resourcesPerType: 50,
  types: 300,
  distinctValues: 200,
} as const;

export interface CelCatalogOptions {
  /** Newest change sets read (default CATALOG_LIMITS.changeSets). */
  readonly maxChangeSets?: number;
  /** How a stored change set is read (default: rebuilt from its stored files); lets a caller share a cache. */
  readonly load?: (digest: string) => ChangeSet;
}

/** The schema type of a parameter, else inferred from its default as the form does. */
function parameterType(definition: unknown): string {
  const declared = (definition as { type?: unknown }).type;
  if (typeof declared === 'string') return declared;
  const d = (definition as { default?: unknown }).default;
  if (Array.isArray(d)) return d.every((x) => typeof x === 'string') ? 'string-list' : 'list';
  if (d === null || d === undefined) return 'dyn';
  return typeof d === 'object' ? 'map' : typeof d;
}

function policiesOf(contract: ResolvedContract): CelCatalogPolicy[] {
  return contract.policies.map((p) => ({
    policy: p.id,
    parameters: Object.entries(p.parameters).map(([name, d]): CelCatalogParameter => ({ name, description: d.description, type: parameterType(d) })),
  }));
}

/** Does the contract judge change sets of this vendor/install? (A contract without a vendor: every change set.) */
function selects(contract: ResolvedContract, vendor: string, install: string): boolean {
  if (contract.vendor === '') return true;
  const wanted = (contract as { install?: unknown }).install;
  return vendor === contract.vendor && (typeof wanted !== 'string' || wanted === '' || wanted === install);
}

class Bounded {
  readonly values = new Set<string>();
  truncated = false;
  add(v: string): void {
    if (v === '' || this.values.has(v)) return;
    if (this.values.size >= CATALOG_LIMITS.distinctValues) this.truncated = true;
    else this.values.add(v);
  }
  sorted(): string[] {
    return [...this.values].sort();
  }
}

interface TypeShapes {
  readonly source: string;
  readonly type: string;
  resources: number;
  readonly object: ShapeCollector;
  readonly oldObject: ShapeCollector;
}

export function celCatalog(ws: Workspace, contract: ResolvedContract, options: CelCatalogOptions = {}): CelCatalog {
  const load = options.load ?? ((digest: string) => rebuildStored(ws, digest));
  const selected = listChangeSets(ws).filter((c) => selects(contract, c.vendor, c.install));
  const read = selected.slice(0, options.maxChangeSets ?? CATALOG_LIMITS.changeSets);
  let truncated = selected.length > read.length;
  const types = new Map<string, TypeShapes>();
  const containers = new ShapeCollector('c');
  const namespaces = new Bounded();
  const labelKeys = new Bounded();
  let changeSetsRead = 0;
  for (const item of read) {
    let cs: ChangeSet;
    try {
      cs = load(item.digest);
    } catch {
      truncated = true; // a damaged change set is left out of suggestions, never fatal here
      continue;
    }
    changeSetsRead++;
    for (const r of cs.resources) {
      namespaces.add(r.namespace);
      for (const key of Object.keys(labelsOf(r))) labelKeys.add(key);
      const shapes = typeShapes(types, r);
      if (!shapes) {
        truncated = true;
        continue;
      }
      if (shapes.resources >= CATALOG_LIMITS.resourcesPerType) continue;
      shapes.resources++;
      if (r.after !== null && r.after !== undefined) shapes.object.add(r.after);
      if (r.before !== null && r.before !== undefined) shapes.oldObject.add(r.before);
      if (r.source === 'kubernetes') for (const c of containersOf(r.type, r.after)) containers.add({ type: c.type, index: c.index, name: c.name, image: c.image, spec: c.spec, path: c.path });
    }
  }
  const resourceTypes: CelCatalogResourceType[] = [...types.values()]
    .sort((a, b) => a.source.localeCompare(b.source) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))
    .map((t) => ({
      source: t.source,
      type: t.type,
      resources: t.resources,
      paths: [...t.object.result(), ...t.oldObject.result()],
      truncated: t.object.truncated || t.oldObject.truncated,
    }));
  return {
    variables: CEL_VARIABLE_DOCS,
    functions: functionDocs(),
    resourceTypes,
    containerPaths: containers.result(),
    namespaces: namespaces.sorted(),
    labelKeys: labelKeys.sorted(),
    policies: policiesOf(contract),
    changeSetsRead,
    truncated: truncated || namespaces.truncated || labelKeys.truncated || containers.truncated || resourceTypes.some((t) => t.truncated),
  };
}

function typeShapes(types: Map<string, TypeShapes>, r: ResourceChange): TypeShapes | undefined {
  const key = `${r.source}\u0000${r.type}`;
  let shapes = types.get(key);
  if (!shapes) {
    if (types.size >= CATALOG_LIMITS.types) return undefined;
    shapes = { source: r.source, type: r.type, resources: 0, object: new ShapeCollector('object'), oldObject: new ShapeCollector('oldObject') };
    types.set(key, shapes);
  }
  return shapes;
}
