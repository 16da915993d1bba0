import type { ResourceChange } from '../../model/resource-change';
import type { CompiledPolicy } from '../compile/compile-policy';

/**
 * Resources that share every attribute a policy's kind criteria read (source, action, drift,
 * type, namespace): a change set of 15,000 resources has ~100 such kinds, so each policy's
 * kind criteria are decided once per kind, not once per resource.
 */
export interface KindGroup {
  readonly action: string;
  /** The enabled policies whose kind criteria hold, in contract order. */
  readonly policies: readonly CompiledPolicy[];
  /** Policies whose kind criteria threw on this kind (reported as error findings). */
  readonly failed: readonly (readonly [CompiledPolicy, unknown])[];
  /** How many resources of the change set are of this kind. */
  size: number;
}

type Level<T> = Map<unknown, T>;

function child<T>(level: Level<T>, key: unknown, make: () => T): T {
  let next = level.get(key);
  if (next === undefined) {
    next = make();
    level.set(key, next);
  }
  return next;
}

function decide(policies: readonly CompiledPolicy[], r: ResourceChange): KindGroup {
  const matched: CompiledPolicy[] = [];
  const failed: [CompiledPolicy, unknown][] = [];
  for (const cp of policies) {
    try {
      if (cp.matches.byKind(r)) matched.push(cp);
    } catch (err) {
      failed.push([cp, err]);
    }
  }
  return { action: r.action, policies: matched, failed, size: 0 };
}

/**
 * The kind group of every resource (same order as `resources`), and the distinct groups.
 * Nested maps keyed by the attribute values themselves: no key string is built per resource.
 */
export function groupByKind(resources: readonly ResourceChange[], policies: readonly CompiledPolicy[]): { readonly of: readonly KindGroup[]; readonly groups: readonly KindGroup[] } {
  const root: Level<Level<Level<Level<Level<KindGroup>>>>> = new Map();
  const groups: KindGroup[] = [];
  const of: KindGroup[] = new Array<KindGroup>(resources.length);
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i] as ResourceChange;
    const byDrift = child(child(child(child(root, r.source, () => new Map()), r.action, () => new Map()), r.type, () => new Map()), r.namespace, () => new Map());
    let group = byDrift.get(r.drift);
    if (group === undefined) {
      group = decide(policies, r);
      byDrift.set(r.drift, group);
      groups.push(group);
    }
    group.size++;
    of[i] = group;
  }
  return { of, groups };
}
