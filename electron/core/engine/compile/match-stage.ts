import type { PolicyMatch } from '../../model/policy';
import type { ResourceChange } from '../../model/resource-change';
import { compileGlob } from '../cel/functions/glob';
import { known } from '../cel/unknown-value';

/**
 * A compiled `match` block. Split in two so the evaluator can cache the first part per kind
 * of resource (most resources of a change set share source/action/type/namespace).
 */
export interface ResourceMatcher {
  /** sources, actions, drift, type globs, namespace globs: a function of `kindKey(r)` only. */
  readonly byKind: (r: ResourceChange) => boolean;
  /** Required labels/tags: [key, value or '*']. */
  readonly labels: readonly (readonly [string, string])[];
}

const DEFAULT_ACTIONS: readonly string[] = ['create', 'update', 'delete', 'replace'];

/** Everything `byKind` depends on, as one string (NUL cannot occur in YAML/JSON keys we read). */
export function kindKey(r: ResourceChange): string {
  return `${r.source}\u0000${r.action}\u0000${r.drift ? 1 : 0}\u0000${r.type}\u0000${r.namespace}`;
}

export function compileMatcher(m: PolicyMatch): ResourceMatcher {
  const sources = m.sources && new Set<string>(m.sources);
  const actions = new Set<string>(m.actions ?? DEFAULT_ACTIONS);
  const types = m.types?.map(compileGlob);
  const namespaces = m.namespaces?.map(compileGlob);
  const drift = m.drift;
  return {
    byKind: (r) => actions.has(r.action)
      && (!sources || sources.has(r.source))
      && (drift === undefined || r.drift === drift)
      && (!types || types.some((g) => g(r.type)))
      && (!namespaces || namespaces.some((g) => g(r.namespace))),
    labels: Object.entries(m.labels ?? {}),
  };
}

/**
 * The label criteria: each key present (not null) with the value, or any value for '*'.
 * Throws UnknownValueError when the labels, or a value it needs, are unknown until apply.
 */
export function labelsMatch(criteria: ResourceMatcher['labels'], labels: Readonly<Record<string, unknown>>): boolean {
  for (const [key, want] of criteria) {
    if (!Object.hasOwn(labels, key)) return false;
    const value = known(labels[key]); // an unknown value may yet be null or anything else
    if (value === null || value === undefined) return false;
    if (want !== '*' && String(value) !== want) return false;
  }
  return true;
}

/**
 * Does the policy look at this resource? (Uncached; the evaluator caches byKind.) Labels match
 * when the resource carries them before or after the change, as the evaluator decides.
 */
export function matchesResource(
  m: ResourceMatcher, r: ResourceChange, labels: () => Readonly<Record<string, unknown>>, before: () => Readonly<Record<string, unknown>> = () => ({}),
): boolean {
  return m.byKind(r) && (m.labels.length === 0 || labelsMatch(m.labels, before()) || labelsMatch(m.labels, labels()));
}
