/**
 * The CEL catalogue (CelCatalogDto) in the shapes the editor lists: field paths (documented
 * variable fields and the paths seen in stored resources, each once), resource type names,
 * and a policy's parameter names. Pure; values are masked by the host already.
 */
import type { CelCatalogDto } from '../../../electron/shared/contract-editor-types';

export interface CatalogField {
  readonly path: string;
  /** The value kinds seen (`string`, `number`…) or the documented type. */
  readonly kind: string;
  /** The resource types the path was seen on; empty for a documented variable field. */
  readonly types: readonly string[];
  /** A documented field's summary, or a few values seen. */
  readonly doc: string;
}

/** Every field path once: documented fields first, then the ones seen in stored resources. */
export function catalogFields(catalog: CelCatalogDto | undefined): readonly CatalogField[] {
  if (!catalog) return [];
  const byPath = new Map<string, { kind: Set<string>; types: Set<string>; doc: string; examples: Set<string> }>();
  for (const v of catalog.variables) {
    for (const f of v.fields) byPath.set(`${v.name}.${f.name}`, { kind: new Set([f.type]), types: new Set(), doc: f.summary, examples: new Set() });
  }
  const add = (p: CelCatalogDto['containerPaths'][number], type: string | null) => {
    const e = byPath.get(p.path) ?? { kind: new Set<string>(), types: new Set<string>(), doc: '', examples: new Set<string>() };
    for (const k of p.kinds) e.kind.add(k);
    if (type !== null) e.types.add(type);
    for (const x of p.examples) if (e.examples.size < 3) e.examples.add(x);
    byPath.set(p.path, e);
  };
  for (const t of catalog.resourceTypes) for (const p of t.paths) add(p, t.type);
  // `c.…` paths: the fields of a container inside "for every container".
  for (const p of catalog.containerPaths) add(p, null);
  return [...byPath].map(([path, e]) => ({
    path, kind: [...e.kind].join(' | '), types: [...e.types],
    doc: e.doc || (e.examples.size ? `Seen: ${[...e.examples].join(', ')}` : ''),
  }));
}

export function resourceTypeNames(catalog: CelCatalogDto | undefined): readonly string[] {
  return [...new Set((catalog?.resourceTypes ?? []).map((t) => t.type))].sort();
}

export function policyParamNames(catalog: CelCatalogDto | undefined, policy: string): readonly string[] {
  return catalog?.policies.find((p) => p.policy === policy)?.parameters.map((p) => p.name) ?? [];
}
