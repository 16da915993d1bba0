import { findingWeight } from '../base/verdict';
import type { Finding, Verdict } from '../model/finding';

/** What a fleet row says about one install's findings. */
export interface Decisions {
  readonly verdict: Verdict;
  readonly deny: readonly string[];
  readonly approval: readonly string[];
  readonly findingsByPolicy: Readonly<Record<string, number>>;
}

export type WeighedFinding = Pick<Finding, 'policy' | 'status' | 'enforcement' | 'shadow'>;

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The verdict and the blocking / needing-approval policies of a list of findings, by the one
 * weighing rule verdictOf uses (base/verdict.ts findingWeight): blocked when any finding weighs
 * deny or mandatory, needs-approval when any other finding is not advisory.
 */
export function decisionsOf(findings: Iterable<WeighedFinding>): Decisions {
  const deny = new Set<string>();
  const approval = new Set<string>();
  const counts = new Map<string, number>();
  for (const f of findings) {
    counts.set(f.policy, (counts.get(f.policy) ?? 0) + 1);
    const weight = findingWeight(f);
    if (weight === 'advisory') continue;
    if (weight === 'deny' || weight === 'mandatory') deny.add(f.policy);
    else approval.add(f.policy); // `approval`, or an enforcement this build does not know: never a pass
  }
  const findingsByPolicy: Record<string, number> = {};
  for (const id of [...counts.keys()].sort(byCodeUnit)) findingsByPolicy[id] = counts.get(id)!;
  return {
    verdict: deny.size > 0 ? 'blocked' : approval.size > 0 ? 'needs-approval' : 'pass',
    deny: [...deny].sort(byCodeUnit),
    // A policy with a blocking finding is listed once, where it weighs most.
    approval: [...approval].filter((id) => !deny.has(id)).sort(byCodeUnit),
    findingsByPolicy,
  };
}

export { byCodeUnit };
