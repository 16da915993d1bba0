import type { Finding, FindingStatus } from '../../model/finding';
import type { Enforcement } from '../../model/policy';

/** A finding as a row shows it, before or after the edit. */
export interface FindingSide {
  readonly enforcement: Enforcement;
  readonly status: FindingStatus;
  readonly message: string;
}

export type FindingChangeKind = 'appear' | 'disappear' | 'changed';

/** One finding that the draft adds, removes, or gives another enforcement or status. */
export interface FindingChange {
  readonly kind: FindingChangeKind;
  readonly policy: string;
  readonly address: string;
  /**
   * Which of the findings of this policy on this address (0 for the first, in engine order):
   * a resource address may repeat, and the built-in input-integrity check reports one
   * finding per problem on a resource.
   */
  readonly occurrence: number;
  readonly before: FindingSide | null;
  readonly after: FindingSide | null;
}

type Comparable = Pick<Finding, 'policy' | 'status' | 'enforcement' | 'message'> & { readonly resource: Pick<Finding['resource'], 'address'> };

/** Findings by (policy, address, occurrence), in the order given. */
function keyed(findings: readonly Comparable[]): Map<string, { readonly f: Comparable; readonly occurrence: number }> {
  const seen = new Map<string, number>();
  const out = new Map<string, { f: Comparable; occurrence: number }>();
  for (const f of findings) {
    const base = JSON.stringify([f.policy, f.resource.address]);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    out.set(`${base}#${occurrence}`, { f, occurrence });
  }
  return out;
}

function side(f: Comparable): FindingSide {
  return { enforcement: f.enforcement, status: f.status, message: f.message };
}

/**
 * What changes between the stored findings and the draft's: findings that appear (in the
 * draft's order), that change enforcement or status, then those that disappear (in the
 * stored order). A finding whose message alone differs is the same finding.
 */
export function diffFindings(before: readonly Comparable[], after: readonly Comparable[]): FindingChange[] {
  const old = keyed(before);
  const now = keyed(after);
  const out: FindingChange[] = [];
  for (const [key, { f, occurrence }] of now) {
    const prior = old.get(key);
    const base = { policy: f.policy, address: f.resource.address, occurrence };
    if (!prior) out.push({ kind: 'appear', ...base, before: null, after: side(f) });
    else if (prior.f.enforcement !== f.enforcement || prior.f.status !== f.status) out.push({ kind: 'changed', ...base, before: side(prior.f), after: side(f) });
  }
  for (const [key, { f, occurrence }] of old) {
    if (!now.has(key)) out.push({ kind: 'disappear', policy: f.policy, address: f.resource.address, occurrence, before: side(f), after: null });
  }
  return out;
}

