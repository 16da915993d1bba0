import { isEmptyParam } from './param-schema';
import type { ResolvedContract } from './resolved-contract';

/**
 * Enabled policies that allow everything as configured: every parameter marked
 * `noopWhenEmpty` is empty (an empty registry allow-list, no required tags or labels). A policy
 * with no such mark is never counted: frozen packs 1 and 2 carry none, and a parameter whose
 * empty value still decides something (no maintenance window = every destructive change
 * fails) is not marked. The editor marks these "not configured: allows everything".
 */
export function unconfiguredPolicies(contract: Pick<ResolvedContract, 'policies' | 'parameters'>): Set<string> {
  const out = new Set<string>();
  for (const p of contract.policies) {
    if (!p.enabled) continue;
    const marked = Object.entries(p.parameters).filter(([, d]) => d.noopWhenEmpty === true).map(([name]) => name);
    if (marked.length === 0) continue;
    const values = contract.parameters[p.id] ?? {};
    if (marked.every((name) => isEmptyParam(Object.hasOwn(values, name) ? values[name] : p.parameters[name]?.default))) out.add(p.id);
  }
  return out;
}
