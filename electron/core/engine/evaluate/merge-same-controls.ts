import { findingWeight } from '../../base/verdict';
import type { Finding } from '../../model/finding';
import type { Policy } from '../../model/policy';

/*
 * Same control, one finding (issue 14). A contract that extends two packs implementing the same
 * standard control (baseline's k8s-no-privileged and pss-baseline's privileged-containers, say)
 * would otherwise report one violation twice. Rule (docs/policies.md, "Same control in two packs"):
 * - Findings on the same resource whose policies share a control (`controls`) are one group; a
 *   policy that names several controls joins the groups of each (connected components over the
 *   findings present on that resource, so two PSS controls meet only through a policy that names both).
 * - The group is reported once: the finding that weighs most (base/verdict.ts findingWeight,
 *   then enforcement, then status, then first in evaluation order) keeps its policy, message and
 *   location; its severity is raised to the group's highest; `alsoPolicies` lists the other ids,
 *   sorted. The verdict never weakens: the kept finding weighs what the heaviest one weighed.
 * - Exceptions stay keyed by the finding's `policy` (verify/waivers.ts): an exception naming only
 *   an id in `alsoPolicies` waives nothing (fail closed).
 * Findings of policies without a shared control are untouched, so without one the evaluation,
 * and its digest, is byte-identical to what it was before this rule.
 */

const ENFORCEMENT_RANK: Readonly<Record<string, number>> = { advisory: 0, approval: 1, deny: 2, mandatory: 3 };
const SEVERITY_RANK: Readonly<Record<string, number>> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
// A failure is the surest statement of a violation; an error still fails closed; unknown least.
const STATUS_RANK: Readonly<Record<string, number>> = { unknown: 0, error: 1, fail: 2 };

/** An enforcement or severity this build does not know ranks above all it does (fail closed). */
function rank(table: Readonly<Record<string, number>>, value: string): number {
  return table[value] ?? Number.MAX_SAFE_INTEGER;
}

/** Is `a` heavier than `b`? Ties keep the earlier finding. */
function heavier(a: Finding, b: Finding): boolean {
  const keys: readonly (readonly [number, number])[] = [
    [rank(ENFORCEMENT_RANK, findingWeight(a)), rank(ENFORCEMENT_RANK, findingWeight(b))],
    [rank(ENFORCEMENT_RANK, a.enforcement), rank(ENFORCEMENT_RANK, b.enforcement)],
    [rank(STATUS_RANK, a.status), rank(STATUS_RANK, b.status)],
  ];
  for (const [x, y] of keys) if (x !== y) return x > y;
  return false;
}

/** Policy id → its controls, for policies that share at least one control with another policy. */
export function sharedControls(policies: readonly Pick<Policy, 'id' | 'controls'>[]): ReadonlyMap<string, readonly string[]> {
  const holders = new Map<string, Set<string>>();
  for (const p of policies) {
    for (const c of p.controls ?? []) {
      let ids = holders.get(c);
      if (!ids) holders.set(c, (ids = new Set()));
      ids.add(p.id);
    }
  }
  const out = new Map<string, readonly string[]>();
  for (const [control, ids] of holders) {
    if (ids.size < 2) continue;
    for (const id of ids) out.set(id, [...(out.get(id) ?? []), control]);
  }
  return out;
}

function resourceKey(f: Finding): string {
  const r = f.resource;
  return JSON.stringify([r.source, r.address, r.type, r.action, r.drift]);
}

/** Union-find over the indexes of one resource's candidate findings, joined by shared controls. */
function components(group: readonly number[], findings: readonly Finding[], shared: ReadonlyMap<string, readonly string[]>): number[][] {
  const parent = group.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i] as number)));
  const byControl = new Map<string, number>();
  group.forEach((fi, i) => {
    for (const c of shared.get((findings[fi] as Finding).policy) ?? []) {
      const other = byControl.get(c);
      if (other === undefined) byControl.set(c, i);
      else parent[root(i)] = root(other);
    }
  });
  const out = new Map<number, number[]>();
  group.forEach((fi, i) => {
    const r = root(i);
    const list = out.get(r);
    if (list) list.push(fi);
    else out.set(r, [fi]);
  });
  return [...out.values()];
}

function merged(members: readonly Finding[]): Finding {
  let keep = members[0] as Finding;
  for (const f of members) if (heavier(f, keep)) keep = f;
  let severity = keep.severity;
  for (const f of members) if (rank(SEVERITY_RANK, f.severity) > rank(SEVERITY_RANK, severity)) severity = f.severity;
  const also = [...new Set(members.map((f) => f.policy).filter((id) => id !== keep.policy))].sort();
  return { ...keep, severity, ...(also.length > 0 ? { alsoPolicies: also } : {}) };
}

/**
 * Merges, in place, the findings of policies that share a control on the same resource (rule
 * above). `policies` are the evaluated policies; the order of the remaining findings is kept (a
 * merged finding takes the place of its group's first).
 */
export function mergeSameControls(findings: Finding[], policies: readonly { readonly policy: Pick<Policy, 'id' | 'controls'> }[]): void {
  const shared = sharedControls(policies.map((cp) => cp.policy));
  if (shared.size === 0) return; // the common case costs one pass over the policies
  const byResource = new Map<string, number[]>();
  findings.forEach((f, i) => {
    if (!shared.has(f.policy)) return;
    const key = resourceKey(f);
    const list = byResource.get(key);
    if (list) list.push(i);
    else byResource.set(key, [i]);
  });
  const replace = new Map<number, Finding>();
  const drop = new Set<number>();
  for (const group of byResource.values()) {
    if (group.length < 2) continue;
    for (const members of components(group, findings, shared)) {
      if (members.length < 2) continue;
      // One policy twice on one key means two resources share an address: keep every finding.
      if (new Set(members.map((i) => (findings[i] as Finding).policy)).size !== members.length) continue;
      const first = Math.min(...members);
      replace.set(first, merged(members.map((i) => findings[i] as Finding)));
      for (const i of members) if (i !== first) drop.add(i);
    }
  }
  if (replace.size === 0) return;
  let w = 0;
  for (let i = 0; i < findings.length; i++) {
    if (drop.has(i)) continue;
    findings[w++] = replace.get(i) ?? (findings[i] as Finding);
  }
  findings.length = w;
}
