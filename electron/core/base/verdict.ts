import type { Finding, Verdict } from '../model/finding';
import type { Enforcement } from '../model/policy';

/**
 * What a finding weighs: its policy's enforcement, except that an `unknown` finding (the answer
 * depends on values known only after apply) never weighs more than `approval`, and a shadow
 * finding (its policy is on trial, countersign.dev/v3) weighs nothing: it never blocks and never
 * needs approval. The verdict, verify and every list that ranks findings use this one rule.
 */
export function findingWeight(f: Pick<Finding, 'status' | 'enforcement' | 'shadow'>): Enforcement {
  if (f.shadow === true) return 'advisory';
  return f.status === 'unknown' && (f.enforcement === 'deny' || f.enforcement === 'mandatory') ? 'approval' : f.enforcement;
}

/**
 * blocked if any deny/mandatory finding that failed or errored, else needs-approval if any
 * approval finding or any non-advisory `unknown` finding, else pass. Advisory findings never
 * change the verdict. An unknown (the answer depends on values known only after apply) needs a
 * reviewer's approval but never blocks by itself: it weighs as much as a failure of an
 * `approval` policy and never more than a failure of its own policy would.
 */
export function verdictOf(findings: readonly Finding[]): Verdict {
  let approval = false;
  for (const f of findings) {
    const weight = findingWeight(f);
    if (weight === 'advisory') continue;
    if (weight === 'deny' || weight === 'mandatory') return 'blocked';
    approval = true; // `approval`, or an enforcement this build does not know: never a pass
  }
  return approval ? 'needs-approval' : 'pass';
}
